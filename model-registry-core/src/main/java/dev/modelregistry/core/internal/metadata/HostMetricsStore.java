package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.ModelRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where each registry process keeps the last copy of its monitoring counters, so that every process sharing
 * the database can add them up: the seam between the deployer's {@code HostMetricsPublisher} and the
 * registry database. Every method is one transaction.
 *
 * <p>Implementations are thread-safe.
 */
public interface HostMetricsStore {

    /**
     * One deployment's counters on one host.
     *
     * @param deploymentId the deployment
     * @param requests requests answered or failed since it started serving on the host
     * @param errors requests that failed
     * @param latencyBuckets one count per latency bucket
     */
    record Counts(long deploymentId, long requests, long errors, long[] latencyBuckets) {
        public Counts {
            Objects.requireNonNull(latencyBuckets, "latencyBuckets");
        }
    }

    /**
     * One deployment's counters as another host wrote them.
     *
     * @param hostId the host
     * @param takenAtMillis when the host took them
     * @param closedAtMillis when the host's registry closed, if it did
     * @param version the deployment's version
     * @param requests requests answered or failed
     * @param errors requests that failed
     * @param latencyBuckets one count per latency bucket
     */
    record Row(String hostId, long takenAtMillis, Optional<Long> closedAtMillis, ModelRef.Numbered version,
            long requests, long errors, long[] latencyBuckets) {
    }

    /**
     * Replaces every counter of a host with these, and stamps the host.
     *
     * @param hostId the host
     * @param takenAtMillis when the counters were taken
     * @param closing whether the host's registry is closing (this is its last write)
     * @param counts the counters of every deployment the host serves
     * @param olderThanMillis hosts whose last write was taken before this are deleted with their counters
     */
    void publish(String hostId, long takenAtMillis, boolean closing, List<Counts> counts, long olderThanMillis);

    /**
     * Every host's counters for the deployments of an environment, by host id, then deployment.
     *
     * @param environment the environment
     * @return the rows
     */
    List<Row> read(String environment);
}
