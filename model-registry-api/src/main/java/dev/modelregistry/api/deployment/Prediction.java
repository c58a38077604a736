package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ModelRef;
import java.util.Objects;

/**
 * One answer of an endpoint and the version that gave it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the prediction
 * @param version the version that predicted it
 * @param canary whether routing sent the request to the canary
 */
public record Prediction(double value, ModelRef.Numbered version, boolean canary) {
    /**
     * Validates the fields.
     *
     * @param value the prediction
     * @param version the version
     * @param canary whether it came from the canary
     * @throws NullPointerException if {@code version} is null
     */
    public Prediction {
        Objects.requireNonNull(version, "version");
    }
}
