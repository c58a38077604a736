package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.ModelRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@link OutcomeStore} over the {@code served_prediction} table (schema 6). A row names its deployment and
 * version by row id, so renaming the model carries it along; its environment and version are copied from
 * the deployment when it is written. Reads for live accuracy use the partial indexes over the rows that
 * have an outcome. Thread-safe.
 */
public final class SqlOutcomeStore implements OutcomeStore {
    private static final String COLUMNS = "INSERT INTO served_prediction (request_id, deployment_id, version_id,"
            + " environment, role, routing_key, predicted, served_at) VALUES ";
    private static final String CONFLICT = " ON CONFLICT (request_id, deployment_id) DO NOTHING";
    /** Rows per INSERT statement: 8 parameters each, far below SQLite's limit of 32,766. */
    private static final int ROWS_PER_STATEMENT = 250;
    /** A shadow's answer may be written after its request's outcome was recorded: it takes that outcome. */
    private static final String ADOPT_OUTCOME = "UPDATE served_prediction SET"
            + " actual = (SELECT p.actual FROM served_prediction p WHERE p.request_id = ? AND p.actual IS NOT NULL LIMIT 1),"
            + " outcome_at = (SELECT p.outcome_at FROM served_prediction p WHERE p.request_id = ?"
            + " AND p.actual IS NOT NULL LIMIT 1)"
            + " WHERE request_id = ? AND deployment_id = ? AND actual IS NULL";
    private static final String OUTCOME_COLUMNS = "SELECT m.name, v.number, p.deployment_id, p.predicted, p.actual,"
            + " p.served_at FROM served_prediction p JOIN version v ON v.id = p.version_id"
            + " JOIN model m ON m.id = v.model_id";

    private final MetadataDatabase db;

    public SqlOutcomeStore(MetadataDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void append(List<Served> rows) {
        if (rows.isEmpty()) {
            return;
        }
        db.write(tx -> {
            insert(tx, rows);
            return null;
        });
    }

    private static void insert(Tx tx, List<Served> rows) throws SQLException {
        // The version and environment of each deployment, read once per batch; a row whose deployment does
        // not exist (it cannot, short of a foreign database) is skipped rather than failing the batch.
        Map<Long, Object[]> deployments = new HashMap<>();
        for (Served r : rows) {
            if (!deployments.containsKey(r.deploymentId())) {
                deployments.put(r.deploymentId(), tx.queryOne("SELECT version_id, environment FROM deployment"
                        + " WHERE id = ?", rs -> new Object[] {rs.getLong(1), rs.getString(2)}, r.deploymentId())
                        .orElse(null));
            }
        }
        List<Object> params = new ArrayList<>();
        int inStatement = 0;
        for (int i = 0; i < rows.size(); i++) {
            Served r = rows.get(i);
            Object[] d = deployments.get(r.deploymentId());
            if (d != null) {
                params.add(r.requestId());
                params.add(r.deploymentId());
                params.add(d[0]);
                params.add(d[1]);
                params.add(r.role());
                params.add(r.routingKey());
                params.add(Double.isFinite(r.predicted()) ? r.predicted() : null);
                params.add(r.servedAtMillis());
                inStatement++;
            }
            if (inStatement == ROWS_PER_STATEMENT || (i == rows.size() - 1 && inStatement > 0)) {
                tx.update(COLUMNS + String.join(", ", Collections.nCopies(inStatement, "(?, ?, ?, ?, ?, ?, ?, ?)"))
                        + CONFLICT, params.toArray());
                params.clear();
                inStatement = 0;
            }
        }
        for (Served r : rows) {
            if (SHADOW.equals(r.role())) {
                tx.update(ADOPT_OUTCOME, r.requestId(), r.requestId(), r.requestId(), r.deploymentId());
            }
        }
    }

    @Override
    public Recorded record(List<Served> pending, String requestId, double actual, long atMillis) {
        return db.write(tx -> {
            insert(tx, pending);
            List<Optional<Double>> kept = tx.query("SELECT actual FROM served_prediction WHERE request_id = ?",
                    rs -> {
                        double a = rs.getDouble(1);
                        return rs.wasNull() ? Optional.<Double>empty() : Optional.of(a);
                    }, requestId);
            if (kept.isEmpty()) {
                return new Recorded(Found.NONE, OptionalDouble.empty());
            }
            for (Optional<Double> a : kept) {
                if (a.isPresent()) {
                    // Compared as stored: a REAL round-trips a finite double exactly.
                    Found f = Double.compare(a.get(), actual) == 0 ? Found.SAME : Found.DIFFERENT;
                    if (f == Found.DIFFERENT) {
                        return new Recorded(f, OptionalDouble.of(a.get()));
                    }
                }
            }
            int changed = tx.update("UPDATE served_prediction SET actual = ?, outcome_at = ?"
                    + " WHERE request_id = ? AND actual IS NULL", actual, atMillis, requestId);
            return changed == 0 ? new Recorded(Found.SAME, OptionalDouble.of(actual))
                    : new Recorded(Found.RECORDED, OptionalDouble.empty());
        });
    }

    @Override
    public List<Outcome> recent(String environment, long sinceMillis, int perVersion) {
        return db.read(tx -> {
            List<Long> versions = tx.query("SELECT DISTINCT version_id FROM served_prediction"
                    + " WHERE environment = ? AND actual IS NOT NULL AND served_at >= ?",
                    rs -> rs.getLong(1), environment, sinceMillis);
            List<List<Outcome>> byVersion = new ArrayList<>();
            for (long versionId : versions) {
                List<Outcome> rows = tx.query(OUTCOME_COLUMNS + " WHERE p.environment = ? AND p.version_id = ?"
                        + " AND p.actual IS NOT NULL AND p.served_at >= ?"
                        + " ORDER BY p.served_at DESC, p.request_id DESC LIMIT ?",
                        SqlOutcomeStore::outcome, environment, versionId, sinceMillis, perVersion);
                Collections.reverse(rows);
                byVersion.add(rows);
            }
            byVersion.sort((a, b) -> {
                ModelRef.Numbered x = a.get(0).version();
                ModelRef.Numbered y = b.get(0).version();
                int c = x.model().compareTo(y.model());
                return c != 0 ? c : Integer.compare(x.version(), y.version());
            });
            List<Outcome> out = new ArrayList<>();
            byVersion.forEach(out::addAll);
            return out;
        });
    }

    @Override
    public List<Outcome> ofDeployment(long deploymentId, long sinceMillis) {
        return db.read(tx -> tx.query(OUTCOME_COLUMNS + " WHERE p.deployment_id = ? AND p.actual IS NOT NULL"
                + " AND p.served_at >= ? ORDER BY p.served_at, p.request_id", SqlOutcomeStore::outcome,
                deploymentId, sinceMillis));
    }

    private static Outcome outcome(ResultSet rs) throws SQLException {
        double predicted = rs.getDouble(4);
        if (rs.wasNull()) {
            predicted = Double.NaN;
        }
        return new Outcome(new ModelRef.Numbered(rs.getString(1), rs.getInt(2)), rs.getLong(3), predicted,
                rs.getDouble(5), rs.getLong(6));
    }

    @Override
    public long deleteExpired(long beforeMillis, long maxRows, int batch) {
        // The row cap becomes a time cut-off too: the serving time of the newest row beyond the cap.
        Optional<Long> capCut = db.read(tx -> tx.queryOne("SELECT served_at FROM served_prediction"
                + " ORDER BY served_at DESC LIMIT 1 OFFSET ?", rs -> rs.getLong(1), maxRows));
        long deleteBefore = capCut.map(c -> Math.max(beforeMillis, c + 1)).orElse(beforeMillis);
        long deleted = 0;
        for (;;) {
            int n = db.write(tx -> tx.update("DELETE FROM served_prediction WHERE request_id IN"
                    + " (SELECT request_id FROM served_prediction WHERE served_at < ? ORDER BY served_at LIMIT ?)",
                    deleteBefore, batch));
            deleted += n;
            if (n == 0) {
                return deleted;
            }
        }
    }

    @Override
    public long count() {
        return db.read(tx -> tx.queryOne("SELECT COUNT(*) FROM served_prediction", rs -> rs.getLong(1)).orElse(0L));
    }
}
