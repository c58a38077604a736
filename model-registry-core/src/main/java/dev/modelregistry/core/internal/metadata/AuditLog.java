package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.AuditTrail;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit trail in the {@code audit} table. Rows are written by {@link #record} inside the
 * transaction of the change they describe. Thread-safe.
 */
public final class AuditLog implements AuditTrail {
    private final MetadataDatabase db;

    public AuditLog(MetadataDatabase db) {
        this.db = db;
    }

    public static void record(Tx tx, Instant at, String actor, String operation, String model, String target,
            String before, String after) throws SQLException {
        // Every caller records inside the transaction of its change, after the change: the name belongs to
        // exactly the model the row is about at this moment (after a rename, the renamed model).
        tx.insert("INSERT INTO audit (at, actor, operation, model, target, before, after, model_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM model WHERE name = ?))",
                at.toEpochMilli(), actor, operation, model, target, before, after, model);
    }

    @Override
    public List<AuditEntry> query(Optional<String> model, Optional<Instant> from, Optional<Instant> before, int limit) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > 100_000) {
            throw new InvalidArgumentException("limit must be 1..100000, got " + limit);
        }
        StringBuilder sql = new StringBuilder(
                "SELECT id, at, actor, operation, model, target, before, after FROM audit WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        model.ifPresent(m -> {
            // The model that has this name now, with the rows written under its earlier names; rows from before
            // schema 5 that could not be tied to a model are still found by the name they were written under.
            sql.append(" AND (model_id = (SELECT id FROM model WHERE name = ?) OR (model_id IS NULL AND model = ?))");
            params.add(m);
            params.add(m);
        });
        from.ifPresent(f -> {
            sql.append(" AND at >= ?");
            params.add(f.toEpochMilli());
        });
        before.ifPresent(b -> {
            sql.append(" AND at < ?");
            params.add(b.toEpochMilli());
        });
        sql.append(" ORDER BY id LIMIT ").append(limit);
        return db.read(tx -> tx.query(sql.toString(), rs -> new AuditEntry(rs.getLong(1),
                Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8)), params.toArray()));
    }
}
