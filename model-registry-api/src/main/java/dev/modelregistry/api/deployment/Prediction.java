package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ModelRef;
import java.util.Objects;

/**
 * One answer of an endpoint, the version that gave it, and the request id under which the caller later
 * reports what actually happened ({@link dev.modelregistry.api.monitoring.Monitoring#recordOutcome}).
 *
 * <p>The request id is a 26-character, ULID-compatible string (Crockford base 32: a 48-bit millisecond
 * time stamp, then 80 bits that are unique within the process and random across processes), unique
 * across processes and restarts. It sorts by the time it was issued.
 *
 * <p>Immutable and thread-safe.
 *
 * @param requestId the id of this request, for recording its outcome
 * @param value the prediction
 * @param version the version that predicted it
 * @param canary whether routing sent the request to the canary
 */
public record Prediction(String requestId, double value, ModelRef.Numbered version, boolean canary) {
    /**
     * Validates the fields.
     *
     * @param requestId the request's id
     * @param value the prediction
     * @param version the version
     * @param canary whether it came from the canary
     * @throws NullPointerException if {@code requestId} or {@code version} is null
     */
    public Prediction {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(version, "version");
    }
}
