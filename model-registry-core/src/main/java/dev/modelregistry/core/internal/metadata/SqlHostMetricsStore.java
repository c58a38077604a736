package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.ModelRef;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link HostMetricsStore} over the {@code monitoring_host} and {@code monitoring_count} tables (schema 7).
 * Latency buckets are kept as one text column of comma-separated counts: they are only ever read and
 * written whole, and the bucket bounds are fixed by the api ({@code LatencyBuckets}). A count row names its
 * deployment by id, and takes the environment and version of the deployment when it is written. Thread-safe.
 */
public final class SqlHostMetricsStore implements HostMetricsStore {
    private final MetadataDatabase db;

    public SqlHostMetricsStore(MetadataDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void publish(String hostId, long takenAtMillis, boolean closing, List<Counts> counts,
            long olderThanMillis) {
        db.write(tx -> {
            tx.update("DELETE FROM monitoring_count WHERE host_id IN"
                    + " (SELECT host_id FROM monitoring_host WHERE taken_at < ?)", olderThanMillis);
            tx.update("DELETE FROM monitoring_host WHERE taken_at < ?", olderThanMillis);
            tx.update("INSERT INTO monitoring_host (host_id, taken_at, closed_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (host_id) DO UPDATE SET taken_at = excluded.taken_at,"
                    + " closed_at = excluded.closed_at", hostId, takenAtMillis, closing ? takenAtMillis : null);
            tx.update("DELETE FROM monitoring_count WHERE host_id = ?", hostId);
            for (Counts c : counts) {
                // A deployment this host serves exists; the SELECT merely copies its environment and version.
                tx.update("INSERT INTO monitoring_count (host_id, deployment_id, environment, version_id, requests,"
                        + " errors, latency_buckets) SELECT ?, d.id, d.environment, d.version_id, ?, ?, ?"
                        + " FROM deployment d WHERE d.id = ?", hostId, c.requests(), c.errors(),
                        join(c.latencyBuckets()), c.deploymentId());
            }
            return null;
        });
    }

    @Override
    public List<Row> read(String environment) {
        return db.read(tx -> tx.query("SELECT h.host_id, h.taken_at, h.closed_at, m.name, v.number, c.requests,"
                + " c.errors, c.latency_buckets FROM monitoring_count c"
                + " JOIN monitoring_host h ON h.host_id = c.host_id"
                + " JOIN version v ON v.id = c.version_id JOIN model m ON m.id = v.model_id"
                + " WHERE c.environment = ? ORDER BY h.host_id, c.deployment_id", rs -> {
                    long closed = rs.getLong(3);
                    Optional<Long> closedAt = rs.wasNull() ? Optional.empty() : Optional.of(closed);
                    return new Row(rs.getString(1), rs.getLong(2), closedAt,
                            new ModelRef.Numbered(rs.getString(4), rs.getInt(5)), rs.getLong(6), rs.getLong(7),
                            split(rs.getString(8)));
                }, environment));
    }

    private static String join(long[] counts) {
        StringBuilder b = new StringBuilder();
        for (long c : counts) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static long[] split(String counts) {
        return counts.isEmpty() ? new long[0] : Arrays.stream(counts.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
