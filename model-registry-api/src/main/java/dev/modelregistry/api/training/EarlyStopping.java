package dev.modelregistry.api.training;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one early-stopping rule every trainer that stops early follows. A trainer creates one tracker per
 * training run with {@link #of(TrainingInput)}, records each iteration's validation metric, snapshots its
 * model when {@link #record} says the iteration is a new best, and stops when {@link #shouldStop()} says so.
 *
 * <ul>
 * <li><b>Metric</b>: the validation metric the trainer reports for the iteration through
 *     {@link TrainingContext#iteration}, computed on {@link TrainingInput#validation()}; lower is better
 *     (for example RMSE for regression, log-loss for binary classification).</li>
 * <li><b>Improvement</b>: a metric strictly below the best so far minus the min delta. The best starts at
 *     +∞, so the first finite metric improves; NaN and +∞ never do. The min delta is 0 unless the trainer
 *     asks for more ({@link #of(TrainingInput, double)}), as one whose metric creeps down forever does.</li>
 * <li><b>Patience</b>: {@link TrainingSpec#earlyStoppingPatience()}. Training stops once {@code patience}
 *     iterations in a row have not improved, that is once {@code iteration − bestIteration ≥ patience}
 *     (with {@code bestIteration} 0 while no iteration has improved).</li>
 * <li><b>Best iteration</b>: the last iteration that improved, so the earliest one with the lowest metric
 *     (a later tie does not replace it), counted from 1. The trainer returns the model as it was after
 *     that iteration and reports it as {@link NativeModel#bestIteration()}, whether training stopped early
 *     or ran to its limit. If no iteration improved, the model is the last one and has no best iteration.</li>
 * <li><b>When it runs</b>: only when the patience is positive and a validation set is given; otherwise
 *     every planned iteration runs and the model has no best iteration.</li>
 * </ul>
 *
 * <p>Not thread-safe: one tracker per training run, used by the thread that trains.
 */
public final class EarlyStopping {
    private final int patience;
    private final double minDelta;
    private double bestMetric = Double.POSITIVE_INFINITY;
    private int bestIteration;
    private int lastIteration;

    /**
     * A tracker with an explicit patience: what {@link #of(TrainingInput, double)} creates, open to this
     * package's tests.
     *
     * @throws InvalidArgumentException if the patience is below 1 or the min delta negative or not finite
     */
    EarlyStopping(int patience, double minDelta) {
        if (patience < 1) {
            throw new InvalidArgumentException("early-stopping patience must be >= 1, got " + patience);
        }
        this.patience = patience;
        this.minDelta = checkMinDelta(minDelta);
    }

    /**
     * A tracker with a min delta of 0, if the input asks for early stopping.
     *
     * @param input the checked input of the run
     * @return a fresh tracker when the spec's patience is positive and a validation set is given; empty
     *         otherwise, and then every planned iteration runs
     */
    public static Optional<EarlyStopping> of(TrainingInput input) {
        return of(input, 0);
    }

    /**
     * A tracker that counts only improvements larger than {@code minDelta}, if the input asks for early
     * stopping.
     *
     * @param input the checked input of the run
     * @param minDelta how much the metric must fall below the best so far to count as an improvement,
     *                 finite and at least 0
     * @return a fresh tracker when the spec's patience is positive and a validation set is given; empty
     *         otherwise
     * @throws InvalidArgumentException if {@code minDelta} is negative or not finite
     */
    public static Optional<EarlyStopping> of(TrainingInput input, double minDelta) {
        Objects.requireNonNull(input, "input");
        int patience = input.spec().earlyStoppingPatience();
        checkMinDelta(minDelta);
        return patience > 0 && input.validation().isPresent()
                ? Optional.of(new EarlyStopping(patience, minDelta)) : Optional.empty();
    }

    private static double checkMinDelta(double minDelta) {
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new InvalidArgumentException("early-stopping min delta must be finite and >= 0, got " + minDelta);
        }
        return minDelta;
    }

    /**
     * Records one iteration's validation metric.
     *
     * @param iteration the iteration just finished, from 1, each call after the previous one
     * @param metric its validation metric, lower is better
     * @return true if the iteration is a new best: the trainer keeps the model as it is now
     * @throws InvalidArgumentException if the iteration does not come after the previous one
     */
    public boolean record(int iteration, double metric) {
        if (iteration <= lastIteration) {
            throw new InvalidArgumentException("iteration " + iteration + " recorded after iteration "
                    + lastIteration + "; iterations count up from 1");
        }
        lastIteration = iteration;
        // NaN compares false, and +inf - minDelta is +inf: neither ever counts as an improvement.
        if (metric < bestMetric - minDelta) {
            bestMetric = metric;
            bestIteration = iteration;
            return true;
        }
        return false;
    }

    /**
     * Whether training should stop after the iteration last recorded.
     *
     * @return true once {@code patience} iterations in a row have not improved
     */
    public boolean shouldStop() {
        return lastIteration - bestIteration >= patience;
    }

    /**
     * The iteration the model is kept at.
     *
     * @return the last iteration that improved, from 1; empty while none has
     */
    public Optional<Integer> bestIteration() {
        return bestIteration == 0 ? Optional.empty() : Optional.of(bestIteration);
    }

    /**
     * The best metric so far.
     *
     * @return the metric of {@link #bestIteration()}, or +∞ while no iteration has improved
     */
    public double bestMetric() {
        return bestMetric;
    }

    @Override
    public String toString() {
        return "EarlyStopping[patience " + patience + ", min delta " + minDelta + ", best "
                + bestIteration().map(i -> "iteration " + i + " (" + bestMetric + ")").orElse("none yet")
                + ", last iteration " + lastIteration + "]";
    }
}
