package dev.modelregistry.api.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One registry process's contribution to an {@link AggregateMetrics}: the counts it last wrote to the
 * shared database, and how old they are. A host writes its counts about every second while it serves and
 * once more when it closes; a closed or crashed host's last counts stay (and count in the totals) with a
 * growing age, until they are older than the retention and are dropped.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hostId the process's id: its host name, process id and a random part drawn when the registry opened
 * @param takenAt when the counts were taken on that host
 * @param age how long before the aggregate was read they were taken (zero if the clocks disagree)
 * @param closedAt when the registry on that host closed, if it did (a crash leaves it empty)
 * @param versions per version it served in the environment, its counts; copied
 */
public record HostMetrics(String hostId, Instant takenAt, Duration age, Optional<Instant> closedAt,
        List<VersionTotals> versions) {
    /**
     * Checks that no field is null.
     *
     * @param hostId the process's id
     * @param takenAt when the counts were taken
     * @param age how old they are
     * @param closedAt when the registry closed, if it did
     * @param versions per version, its counts
     * @throws NullPointerException if an argument is null
     */
    public HostMetrics {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(closedAt, "closedAt");
        versions = List.copyOf(Objects.requireNonNull(versions, "versions"));
    }
}
