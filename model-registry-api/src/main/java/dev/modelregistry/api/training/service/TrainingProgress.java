package dev.modelregistry.api.training.service;

import java.util.OptionalDouble;

/**
 * Hears about training progress, once per iteration. Called on the training thread: keep it quick.
 */
@FunctionalInterface
public interface TrainingProgress {

    /** Ignores progress. */
    TrainingProgress NONE = (iteration, total, metric) -> { };

    /**
     * One iteration finished.
     *
     * @param iteration the iteration just finished, from 1
     * @param total the planned number of iterations
     * @param validationMetric the validation metric after it, when a validation set is used
     */
    void onIteration(int iteration, int total, OptionalDouble validationMetric);
}
