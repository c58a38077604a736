package dev.modelregistry.api.evaluation;

import java.util.OptionalDouble;

/**
 * One input of the composite score.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the component (see {@link ScoreWeights})
 * @param weight its weight
 * @param input the raw metric value; empty when undefined (then {@code normalised} is 0)
 * @param normalised the value mapped to [0, 1]
 * @param contribution {@code weight · normalised / Σ weights}
 */
public record ScoreComponent(String name, double weight, OptionalDouble input, double normalised,
        double contribution) {
}
