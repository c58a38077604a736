package dev.modelregistry.trainer.lightgbm;

import java.util.OptionalDouble;

/**
 * Decides when to stop boosting: after {@code patience} iterations without a new best (lowest)
 * validation metric. lightgbm4j has no early stopping of its own, so the training loop asks this.
 *
 * <p>Not thread-safe: one per training run.
 */
final class EarlyStopping {
    private final int patience;
    private double bestMetric = Double.POSITIVE_INFINITY;
    private int bestIteration;

    EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        this.patience = patience;
    }

    /**
     * Records one iteration's metric.
     *
     * @param iteration the iteration just finished, from 1
     * @param metric its validation metric, lower is better; NaN never counts as an improvement
     * @return true if training should stop now
     */
    boolean record(int iteration, OptionalDouble metric) {
        double m = metric.orElse(Double.NaN);
        // Strictly lower: a plateau is not progress, and ties keep the smaller (earlier) model.
        if (m < bestMetric || bestIteration == 0 && !Double.isNaN(m)) {
            bestMetric = m;
            bestIteration = iteration;
        }
        return iteration - bestIteration >= patience;
    }

    /**
     * The iteration with the lowest metric so far.
     *
     * @return from 1, or 0 if no finite metric was recorded yet
     */
    int bestIteration() {
        return bestIteration;
    }
}
