package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift of one deployment's sliding window against its version's reference.
 *
 * <p>Immutable and thread-safe.
 *
 * @param environment the environment
 * @param deploymentId the deployment
 * @param version its version
 * @param features one entry per feature, in the model's order
 * @param prediction the predictions' drift, empty when the model's reference predictions are unknown
 */
public record DriftReport(String environment, long deploymentId, ModelRef.Numbered version,
        List<FeatureDrift> features, Optional<FeatureDrift> prediction) {
    /**
     * Copies the list.
     *
     * @param environment environment
     * @param deploymentId deployment
     * @param version version
     * @param features features
     * @param prediction prediction drift
     * @throws NullPointerException if an argument is null
     */
    public DriftReport {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        features = List.copyOf(features);
        Objects.requireNonNull(prediction, "prediction");
    }
}
