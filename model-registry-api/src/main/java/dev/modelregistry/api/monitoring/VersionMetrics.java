package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentState;
import java.util.Objects;

/**
 * What one deployment has served. Counts are totals since the deployment started serving in this
 * process; latencies and the prediction distribution cover the sliding window (the most recent
 * requests, see {@link Monitoring}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param environment the environment
 * @param deploymentId the deployment
 * @param version its version
 * @param state its state when the snapshot was taken
 * @param requests requests answered or failed (shadow scorings for a shadow)
 * @param errors requests that failed
 * @param errorRate errors / requests, 0 when there were none
 * @param latencyP50Millis median latency over the window, milliseconds (0 when empty)
 * @param latencyP95Millis 95th percentile
 * @param latencyP99Millis 99th percentile
 * @param predictionMean mean prediction over the window (NaN when empty)
 * @param predictionStdDev standard deviation of the predictions over the window (NaN when empty)
 * @param predictionP05 5th percentile of the predictions (NaN when empty)
 * @param predictionP50 median prediction (NaN when empty)
 * @param predictionP95 95th percentile of the predictions (NaN when empty)
 */
public record VersionMetrics(String environment, long deploymentId, ModelRef.Numbered version, DeploymentState state,
        long requests, long errors, double errorRate, double latencyP50Millis, double latencyP95Millis,
        double latencyP99Millis, double predictionMean, double predictionStdDev, double predictionP05,
        double predictionP50, double predictionP95) {
    /**
     * Checks that no field is null.
     *
     * @param environment the environment
     * @param deploymentId the deployment
     * @param version its version
     * @param state its state
     * @param requests requests answered or failed
     * @param errors requests that failed
     * @param errorRate errors / requests
     * @param latencyP50Millis median latency, milliseconds
     * @param latencyP95Millis 95th percentile latency, milliseconds
     * @param latencyP99Millis 99th percentile latency, milliseconds
     * @param predictionMean mean prediction
     * @param predictionStdDev standard deviation of the predictions
     * @param predictionP05 5th percentile of the predictions
     * @param predictionP50 median prediction
     * @param predictionP95 95th percentile of the predictions
     * @throws NullPointerException if an object argument is null
     */
    public VersionMetrics {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
    }
}
