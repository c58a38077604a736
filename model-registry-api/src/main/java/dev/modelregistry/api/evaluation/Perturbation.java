package dev.modelregistry.api.evaluation;

import java.util.OptionalDouble;

/**
 * How much predictions move when every finite feature value gets Gaussian noise of {@code size} times
 * that feature's standard deviation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param size the noise size
 * @param seed the noise seed
 * @param meanAbsoluteChange {@code mean |p' − p|}
 * @param relativeChange {@code meanAbsoluteChange / std(p)}; empty when the predictions are constant
 * @param signFlipRate the share of rows whose predicted sign changed
 */
public record Perturbation(double size, long seed, double meanAbsoluteChange, OptionalDouble relativeChange,
        double signFlipRate) {
}
