package dev.modelregistry.api.monitoring;

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
     * @param environment the environment
     * @param deploymentId the deployment
     * @param version its version
     * @param features one entry per feature
     * @param prediction the predictions' drift, if known
     * @throws NullPointerException if an argument or a list element is null
     */
    public DriftReport {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        features = List.copyOf(features);
        Objects.requireNonNull(prediction, "prediction");
    }
}
