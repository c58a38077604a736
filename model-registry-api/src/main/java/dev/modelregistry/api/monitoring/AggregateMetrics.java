package dev.modelregistry.api.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The request counts of one environment summed over every registry process that shares the registry's
 * database (see {@link Monitoring#aggregate}), with each process's own rows so that a reader sees how
 * stale each contribution is.
 *
 * <p>Immutable and thread-safe.
 *
 * @param environment the environment
 * @param readAt when it was read, on this registry's clock
 * @param versions per version, the sum over the hosts, by model name then version number; copied
 * @param hosts per host that wrote counts for the environment, its last counts, by host id; copied
 */
public record AggregateMetrics(String environment, Instant readAt, List<VersionTotals> versions,
        List<HostMetrics> hosts) {
    /**
     * Checks that no field is null.
     *
     * @param environment the environment
     * @param readAt when it was read
     * @param versions per version, the sum
     * @param hosts per host, its counts
     * @throws NullPointerException if an argument is null
     */
    public AggregateMetrics {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(readAt, "readAt");
        versions = List.copyOf(Objects.requireNonNull(versions, "versions"));
        hosts = List.copyOf(Objects.requireNonNull(hosts, "hosts"));
    }
}
