package dev.modelregistry.api.training.service;

import java.util.OptionalDouble;

/**
 * Hears about training progress: once per iteration of a training run, and, for runs made of folds
 * ({@link TrainingService#validate} and walk-forward), when each fold starts and finishes. Called on the
 * training thread: keep it quick. A listener handed to {@code validate} with a parallelism above 1 is called
 * from several threads at once and must be thread-safe.
 */
@FunctionalInterface
public interface TrainingProgress {

    /** Ignores progress. */
    TrainingProgress NONE = (iteration, total, metric) -> { };

    /**
     * One iteration finished. During walk-forward, the iterations are those of the fold that started last;
     * {@link TrainingService#validate} reports folds only, since its folds may train concurrently.
     *
     * @param iteration the iteration just finished, from 1
     * @param total the planned number of iterations
     * @param validationMetric the validation metric after it, when a validation set is used
     */
    void onIteration(int iteration, int total, OptionalDouble validationMetric);

    /**
     * A fold starts training. Does nothing unless overridden.
     *
     * @param fold the fold, from 1
     * @param folds the number of folds in the run
     */
    default void onFoldStarted(int fold, int folds) {
    }

    /**
     * A fold has trained and predicted its test rows. Does nothing unless overridden. Not called for a fold
     * that fails or is cancelled.
     *
     * @param fold the fold, from 1
     * @param folds the number of folds in the run
     */
    default void onFoldFinished(int fold, int folds) {
    }
}
