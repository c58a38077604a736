package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The weights of the generic components of the composite score. The score is {@code Σ wᵢ·nᵢ / Σ wᵢ} over
 * the components that apply to the evaluation, where {@code nᵢ ∈ [0, 1]} is the metric normalised as
 * follows (clamped to [0, 1]); a component whose metric is undefined counts with {@code nᵢ = 0}:
 * <ul>
 *   <li>{@code r2}: R² itself;</li>
 *   <li>{@code stability}: {@code 1 − std / 0.05}, the std across folds of the hit rate, the share of rows
 *       whose predicted sign is right (regression), or of the accuracy (classification);</li>
 *   <li>{@code roc_auc}: {@code (auc − 0.5) / 0.5};</li>
 *   <li>{@code accuracy}: {@code (acc − 0.5) / 0.5};</li>
 *   <li>{@code log_loss}: {@code 1 − loss / ln 2} — always predicting 0.5 scores 0.</li>
 * </ul>
 * Regression uses r2 and stability; classification uses roc_auc, accuracy, log_loss and stability. A
 * domain adds components with weights of its own (see {@link DomainScorer.ScoreInput}; the market's are
 * in {@code dev.modelregistry.api.evaluation.market.MarketOptions}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param weights component name to weight, each finite and at least 0
 */
public record ScoreWeights(Map<String, Double> weights) {
    /** The component names the score knows. */
    public static final Set<String> COMPONENTS = Set.of("r2", "stability", "roc_auc", "accuracy", "log_loss");

    /**
     * Validates and copies the weights.
     *
     * @param weights component name to weight
     * @throws InvalidArgumentException for an unknown component or a negative or non-finite weight
     */
    public ScoreWeights {
        Map<String, Double> copy = new TreeMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (!COMPONENTS.contains(e.getKey())) {
                throw new InvalidArgumentException("unknown score component '" + e.getKey() + "'; known: "
                        + new java.util.TreeSet<>(COMPONENTS));
            }
            Double w = e.getValue();
            if (w == null || !(w >= 0) || w.isInfinite()) {
                throw new InvalidArgumentException("weight of '" + e.getKey() + "' must be finite and >= 0, got " + w);
            }
            copy.put(e.getKey(), w);
        }
        weights = Collections.unmodifiableMap(copy);
    }

    /**
     * The defaults: r2 0.1, stability 0.1, roc_auc 0.4, accuracy 0.2, log_loss 0.2.
     *
     * @return the default weights
     */
    public static ScoreWeights defaults() {
        return new ScoreWeights(Map.of("r2", 0.1, "stability", 0.1, "roc_auc", 0.4, "accuracy", 0.2, "log_loss", 0.2));
    }

    /**
     * The weight of a component.
     *
     * @param component the component name
     * @return its weight, 0 if not set
     */
    public double weight(String component) {
        return weights.getOrDefault(component, 0.0);
    }
}
