package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one version served in one environment, as counts that add up across deployments and hosts:
 * requests, errors and {@link LatencyBuckets latency bucket counts}. The latency percentiles are estimated
 * from the buckets and are bucket upper bounds, not exact values. The prediction distribution of {@link
 * VersionMetrics} is not here: it is a percentile over each host's sliding window, which cannot be merged
 * across hosts, so it is left out rather than approximated.
 *
 * <p>Immutable and thread-safe.
 *
 * @param version the version
 * @param requests requests answered or failed, totals since each deployment started serving on its host
 * @param errors requests that failed
 * @param errorRate errors / requests, 0 when there were none
 * @param latencyBuckets one count per latency bucket, {@link LatencyBuckets#COUNT} of them; copied
 * @param latencyP50UpperMillis the upper bound of the bucket holding the median latency (0 when empty)
 * @param latencyP95UpperMillis the same for the 95th percentile
 * @param latencyP99UpperMillis the same for the 99th percentile
 */
public record VersionTotals(ModelRef.Numbered version, long requests, long errors, double errorRate,
        List<Long> latencyBuckets, double latencyP50UpperMillis, double latencyP95UpperMillis,
        double latencyP99UpperMillis) {
    /**
     * Checks the fields.
     *
     * @param version the version
     * @param requests requests answered or failed
     * @param errors requests that failed
     * @param errorRate errors / requests
     * @param latencyBuckets one count per latency bucket
     * @param latencyP50UpperMillis median latency's bucket bound
     * @param latencyP95UpperMillis 95th percentile latency's bucket bound
     * @param latencyP99UpperMillis 99th percentile latency's bucket bound
     * @throws NullPointerException if an object argument is null
     * @throws InvalidArgumentException if there are not {@link LatencyBuckets#COUNT} bucket counts
     */
    public VersionTotals {
        Objects.requireNonNull(version, "version");
        latencyBuckets = List.copyOf(Objects.requireNonNull(latencyBuckets, "latencyBuckets"));
        if (latencyBuckets.size() != LatencyBuckets.COUNT) {
            throw new InvalidArgumentException("expected " + LatencyBuckets.COUNT + " latency buckets, got "
                    + latencyBuckets.size());
        }
    }

    /**
     * Totals with their error rate and percentiles derived from the counts.
     *
     * @param version the version
     * @param requests requests answered or failed
     * @param errors requests that failed
     * @param latencyBuckets one count per latency bucket
     * @return the totals
     */
    public static VersionTotals of(ModelRef.Numbered version, long requests, long errors, List<Long> latencyBuckets) {
        return new VersionTotals(version, requests, errors, requests == 0 ? 0 : errors / (double) requests,
                latencyBuckets, LatencyBuckets.percentileUpperBoundMillis(latencyBuckets, 0.50),
                LatencyBuckets.percentileUpperBoundMillis(latencyBuckets, 0.95),
                LatencyBuckets.percentileUpperBoundMillis(latencyBuckets, 0.99));
    }

    /**
     * The sum of these totals and others of the same version.
     *
     * @param other more counts of the same version
     * @return the summed totals, percentiles re-estimated from the summed buckets
     * @throws InvalidArgumentException if the versions differ
     */
    public VersionTotals plus(VersionTotals other) {
        if (!version.equals(other.version)) {
            throw new InvalidArgumentException("cannot add the totals of " + other.version + " to " + version);
        }
        List<Long> sum = new ArrayList<>(latencyBuckets.size());
        for (int i = 0; i < latencyBuckets.size(); i++) {
            sum.add(latencyBuckets.get(i) + other.latencyBuckets.get(i));
        }
        return of(version, requests + other.requests, errors + other.errors, sum);
    }
}
