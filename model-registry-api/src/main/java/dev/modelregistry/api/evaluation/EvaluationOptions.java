package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to evaluate. Start from {@link #defaults()} and change settings with the {@code with} methods;
 * each validates its value. Domain-specific evaluation, such as the market metrics of predicted returns
 * ({@code dev.modelregistry.api.evaluation.market.MarketOptions}), is turned on with
 * {@link #withDomain(DomainOptions)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param task regression or binary classification
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
 * @param domains the settings of each domain to evaluate as well, at most one of each type, in order
 * @param guards the leak and in-sample guards, which cap a suspicious evaluation at HOLD
 */
public record EvaluationOptions(Task task, int segments, double perturbation, long seed, double threshold,
        double logLossEpsilon, LossFunction loss, int horizon, Gates gates, ScoreWeights weights,
        List<DomainOptions> domains, Guards guards) {

    /**
     * Validates the settings.
     *
     * @param task not null
     * @param segments at least 1
     * @param perturbation finite, at least 0
     * @param seed any
     * @param threshold in (0, 1)
     * @param logLossEpsilon in (0, 0.5)
     * @param loss not null
     * @param horizon at least 1
     * @param gates not null
     * @param weights not null
     * @param domains not null, at most one of each type
     * @param guards not null
     * @throws InvalidArgumentException naming the first bad setting
     * @throws NullPointerException if an object setting is null
     */
    public EvaluationOptions {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(guards, "guards");
        domains = List.copyOf(domains);
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
        for (int i = 0; i < domains.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (domains.get(i).getClass() == domains.get(j).getClass()) {
                    throw new InvalidArgumentException("two " + domains.get(i).getClass().getSimpleName()
                            + " settings; give each domain once");
                }
            }
        }
    }

    /**
     * The defaults: regression, 5 segments, perturbation 0.01 with seed 42, threshold 0.5, ε = 1e-15,
     * squared loss, horizon 1, default gates, weights and {@linkplain Guards#defaults() guards}, and no
     * domain.
     *
     * @return the default options
     */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(Task.REGRESSION, 5, 0.01, 42, 0.5, 1e-15, LossFunction.SQUARED, 1,
                Gates.defaults(), ScoreWeights.defaults(), List.of(), Guards.defaults());
    }

    /**
     * A copy for another task. A domain that does not apply to the task is skipped (the market metrics
     * apply to regression only).
     *
     * @param value the task
     * @return the copy
     */
    public EvaluationOptions withTask(Task value) {
        return new EvaluationOptions(value, segments, perturbation, seed, threshold, logLossEpsilon, loss, horizon,
                gates, weights, domains, guards);
    }

    /**
     * A copy that evaluates a domain as well, with these settings; they replace earlier settings of the
     * same type.
     *
     * @param value the domain's settings, e.g. {@code MarketOptions.defaults().withCostBps(5)}
     * @return the copy
     */
    public EvaluationOptions withDomain(DomainOptions value) {
        Objects.requireNonNull(value, "value");
        List<DomainOptions> list = new ArrayList<>(domains);
        list.removeIf(d -> d.getClass() == value.getClass());
        list.add(value);
        return new EvaluationOptions(task, segments, perturbation, seed, threshold, logLossEpsilon, loss, horizon,
                gates, weights, list, guards);
    }

    /**
     * A copy with another number of stability segments.
     *
     * @param value at least 1
     * @return the copy
     */
    public EvaluationOptions withSegments(int value) {
        return new EvaluationOptions(task, value, perturbation, seed, threshold, logLossEpsilon, loss, horizon,
                gates, weights, domains, guards);
    }

    /**
     * A copy with another perturbation size and seed.
     *
     * @param size multiple of each feature's standard deviation, at least 0 (0 = off)
     * @param noiseSeed the seed
     * @return the copy
     */
    public EvaluationOptions withPerturbation(double size, long noiseSeed) {
        return new EvaluationOptions(task, segments, size, noiseSeed, threshold, logLossEpsilon, loss, horizon,
                gates, weights, domains, guards);
    }

    /**
     * A copy with another classification threshold.
     *
     * @param value in (0, 1)
     * @return the copy
     */
    public EvaluationOptions withThreshold(double value) {
        return new EvaluationOptions(task, segments, perturbation, seed, value, logLossEpsilon, loss, horizon,
                gates, weights, domains, guards);
    }

    /**
     * A copy with another Diebold–Mariano loss and horizon.
     *
     * @param lossFunction the loss
     * @param h the forecast horizon, at least 1
     * @return the copy
     */
    public EvaluationOptions withDieboldMariano(LossFunction lossFunction, int h) {
        return new EvaluationOptions(task, segments, perturbation, seed, threshold, logLossEpsilon, lossFunction, h,
                gates, weights, domains, guards);
    }

    /**
     * A copy with other gates.
     *
     * @param value the gates
     * @return the copy
     */
    public EvaluationOptions withGates(Gates value) {
        return new EvaluationOptions(task, segments, perturbation, seed, threshold, logLossEpsilon, loss, horizon,
                value, weights, domains, guards);
    }

    /**
     * A copy with other score weights.
     *
     * @param value the weights
     * @return the copy
     */
    public EvaluationOptions withWeights(ScoreWeights value) {
        return new EvaluationOptions(task, segments, perturbation, seed, threshold, logLossEpsilon, loss, horizon,
                gates, value, domains, guards);
    }

    /**
     * A copy with other leak and in-sample guards, e.g. {@code Guards.defaults().withTrainingRange(first, last)}.
     *
     * @param value the guards
     * @return the copy
     */
    public EvaluationOptions withGuards(Guards value) {
        return new EvaluationOptions(task, segments, perturbation, seed, threshold, logLossEpsilon, loss, horizon,
                gates, weights, domains, Objects.requireNonNull(value, "value"));
    }
}
