package dev.modelregistry.trainer.xgboost;

/**
 * Tracks the best validation metric (lower is better) and says when to stop: after {@code patience}
 * iterations in a row without a strict improvement. A NaN metric never counts as an improvement.
 *
 * <p>Not thread-safe: one per training run, used by the thread that trains.
 */
final class EarlyStopping {
    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int bestIteration;
    private int sinceBest;

    /**
     * Creates the tracker.
     *
     * @param patience iterations without improvement before stopping, at least 1
     */
    EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        this.patience = patience;
    }

    /**
     * Records one iteration's metric.
     *
     * @param iteration the iteration, from 1
     * @param metric its validation metric
     * @return true if it is the best so far (the caller snapshots the model)
     */
    boolean record(int iteration, double metric) {
        if (metric < best) {
            best = metric;
            bestIteration = iteration;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /**
     * Whether training should stop now.
     *
     * @return true after {@code patience} iterations in a row without improvement
     */
    boolean shouldStop() {
        return sinceBest >= patience;
    }

    /**
     * The best iteration so far.
     *
     * @return from 1, or 0 if no iteration improved on infinity
     */
    int bestIteration() {
        return bestIteration;
    }
}
