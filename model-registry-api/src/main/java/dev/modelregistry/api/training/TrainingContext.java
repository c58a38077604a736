package dev.modelregistry.api.training;

import java.util.OptionalDouble;

/**
 * What a trainer reports to and asks of the training service while it runs. A trainer calls
 * {@link #iteration} after every iteration (once at the end if the library has no iterations) and
 * stops promptly with {@link dev.modelregistry.api.TrainingCancelledException} once
 * {@link #cancelled()} is true.
 *
 * <p>Implementations are thread-safe.
 */
public interface TrainingContext {

    /** A context that never cancels and ignores progress. */
    TrainingContext NONE = new TrainingContext() {
        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public void iteration(int iteration, int total, OptionalDouble validationMetric) {
        }
    };

    /**
     * Whether the caller asked to stop.
     *
     * @return true once training should stop
     */
    boolean cancelled();

    /**
     * One iteration finished.
     *
     * @param iteration the iteration just finished, from 1
     * @param total the planned number of iterations
     * @param validationMetric the validation metric after it (lower is better), when a validation set is used
     */
    void iteration(int iteration, int total, OptionalDouble validationMetric);
}
