package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Task;
import java.util.Objects;

/**
 * How to evaluate. Start from {@link #defaults()} and change settings with the {@code with} methods;
 * each validates its value.
 *
 * <p>Immutable and thread-safe.
 *
 * @param task regression (labels are realised returns when {@code stock} is on) or binary classification
 * @param stock whether to compute stock metrics (regression only; ignored for classification): hit rate, IC, strategy, Sharpe, drawdown
 * @param annualisation periods per year for annualised return, volatility and Sharpe (252 trading days)
 * @param costBps the one-way trading cost in basis points, charged on every unit of position change
 * @param segments how many contiguous folds to cut the rows into for stability when the predictions
 *     carry no folds of their own
 * @param perturbation the size of the input noise for the sensitivity check, as a multiple of each
 *     feature's standard deviation; 0 turns the check off
 * @param seed the seed of the perturbation noise (the same seed gives the same report)
 * @param threshold the probability at or above which a classification counts as positive
 * @param logLossEpsilon probabilities are clipped to [ε, 1 − ε] before the log-loss
 * @param loss the loss the Diebold–Mariano test compares
 * @param horizon the forecast horizon h of the Diebold–Mariano test (autocovariances up to lag h − 1)
 * @param gates the thresholds of the recommendation
 * @param weights the weights of the composite score
 */
public record EvaluationOptions(Task task, boolean stock, int annualisation, double costBps, int segments,
        double perturbation, long seed, double threshold, double logLossEpsilon, LossFunction loss, int horizon,
        Gates gates, ScoreWeights weights) {

    /**
     * Validates the settings.
     *
     * @param task not null
     * @param stock stock metrics on or off
     * @param annualisation at least 1
     * @param costBps finite, at least 0
     * @param segments at least 1
     * @param perturbation finite, at least 0
     * @param seed any
     * @param threshold in (0, 1)
     * @param logLossEpsilon in (0, 0.5)
     * @param loss not null
     * @param horizon at least 1
     * @param gates not null
     * @param weights not null
     * @throws InvalidArgumentException naming the first bad setting
     * @throws NullPointerException if an object setting is null
     */
    public EvaluationOptions {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(weights, "weights");
        if (annualisation < 1) {
            throw new InvalidArgumentException("annualisation must be >= 1, got " + annualisation);
        }
        if (!(costBps >= 0) || Double.isInfinite(costBps)) {
            throw new InvalidArgumentException("costBps must be finite and >= 0, got " + costBps);
        }
        if (segments < 1) {
            throw new InvalidArgumentException("segments must be >= 1, got " + segments);
        }
        if (!(perturbation >= 0) || Double.isInfinite(perturbation)) {
            throw new InvalidArgumentException("perturbation must be finite and >= 0, got " + perturbation);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new InvalidArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        if (!(logLossEpsilon > 0 && logLossEpsilon < 0.5)) {
            throw new InvalidArgumentException("logLossEpsilon must be in (0, 0.5), got " + logLossEpsilon);
        }
        if (horizon < 1) {
            throw new InvalidArgumentException("horizon must be >= 1, got " + horizon);
        }
    }

    /**
     * The defaults: regression with stock metrics, 252 periods a year, no cost, 5 segments,
     * perturbation 0.01 with seed 42, threshold 0.5, ε = 1e-15, squared loss, horizon 1, default gates
     * and weights.
     *
     * @return the default options
     */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(Task.REGRESSION, true, 252, 0, 5, 0.01, 42, 0.5, 1e-15, LossFunction.SQUARED, 1,
                Gates.defaults(), ScoreWeights.defaults());
    }

    /**
     * A copy for another task. Stock metrics apply to regression only; classification ignores {@link #stock()}.
     *
     * @param value the task
     * @return the copy
     */
    public EvaluationOptions withTask(Task value) {
        return new EvaluationOptions(value, stock, annualisation, costBps, segments,
                perturbation, seed, threshold, logLossEpsilon, loss, horizon, gates, weights);
    }

    /**
     * A copy with stock metrics on or off.
     *
     * @param value whether labels are returns and stock metrics apply
     * @return the copy
     */
    public EvaluationOptions withStock(boolean value) {
        return new EvaluationOptions(task, value, annualisation, costBps, segments, perturbation, seed, threshold,
                logLossEpsilon, loss, horizon, gates, weights);
    }

    /**
     * A copy with another annualisation factor.
     *
     * @param value periods per year, at least 1
     * @return the copy
     */
    public EvaluationOptions withAnnualisation(int value) {
        return new EvaluationOptions(task, stock, value, costBps, segments, perturbation, seed, threshold,
                logLossEpsilon, loss, horizon, gates, weights);
    }

    /**
     * A copy with another trading cost.
     *
     * @param value basis points per unit of position change, at least 0
     * @return the copy
     */
    public EvaluationOptions withCostBps(double value) {
        return new EvaluationOptions(task, stock, annualisation, value, segments, perturbation, seed, threshold,
                logLossEpsilon, loss, horizon, gates, weights);
    }

    /**
     * A copy with another number of stability segments.
     *
     * @param value at least 1
     * @return the copy
     */
    public EvaluationOptions withSegments(int value) {
        return new EvaluationOptions(task, stock, annualisation, costBps, value, perturbation, seed, threshold,
                logLossEpsilon, loss, horizon, gates, weights);
    }

    /**
     * A copy with another perturbation size and seed.
     *
     * @param size multiple of each feature's standard deviation, at least 0 (0 = off)
     * @param noiseSeed the seed
     * @return the copy
     */
    public EvaluationOptions withPerturbation(double size, long noiseSeed) {
        return new EvaluationOptions(task, stock, annualisation, costBps, segments, size, noiseSeed, threshold,
                logLossEpsilon, loss, horizon, gates, weights);
    }

    /**
     * A copy with another classification threshold.
     *
     * @param value in (0, 1)
     * @return the copy
     */
    public EvaluationOptions withThreshold(double value) {
        return new EvaluationOptions(task, stock, annualisation, costBps, segments, perturbation, seed, value,
                logLossEpsilon, loss, horizon, gates, weights);
    }

    /**
     * A copy with another Diebold–Mariano loss and horizon.
     *
     * @param lossFunction the loss
     * @param h the forecast horizon, at least 1
     * @return the copy
     */
    public EvaluationOptions withDieboldMariano(LossFunction lossFunction, int h) {
        return new EvaluationOptions(task, stock, annualisation, costBps, segments, perturbation, seed, threshold,
                logLossEpsilon, lossFunction, h, gates, weights);
    }

    /**
     * A copy with other gates.
     *
     * @param value the gates
     * @return the copy
     */
    public EvaluationOptions withGates(Gates value) {
        return new EvaluationOptions(task, stock, annualisation, costBps, segments, perturbation, seed, threshold,
                logLossEpsilon, loss, horizon, value, weights);
    }

    /**
     * A copy with other score weights.
     *
     * @param value the weights
     * @return the copy
     */
    public EvaluationOptions withWeights(ScoreWeights value) {
        return new EvaluationOptions(task, stock, annualisation, costBps, segments, perturbation, seed, threshold,
                logLossEpsilon, loss, horizon, gates, value);
    }
}
