package dev.modelregistry.api.evaluation;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The composite score {@code Σ wᵢ·nᵢ / Σ wᵢ} (see {@link ScoreWeights} for the normalisation),
 * with every input shown.
 *
 * <p>Immutable and thread-safe.
 *
 * @param components the components that apply to the task, sorted by name
 * @param score the score in [0, 1]; empty when every applicable weight is zero
 */
public record CompositeScore(List<ScoreComponent> components, OptionalDouble score) {
    /**
     * Copies the components.
     *
     * @param components the components
     * @param score the score
     */
    public CompositeScore {
        components = List.copyOf(components);
    }
}
