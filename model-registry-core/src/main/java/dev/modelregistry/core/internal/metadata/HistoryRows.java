package dev.modelregistry.core.internal.metadata;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The history rows that archives carry from one registry to another (format 2): alias moves, audit rows,
 * deployments and deployment events, read as they are stored and written back with their original times
 * and actors. Every method runs inside a transaction the caller holds. Stateless and thread-safe.
 */
public final class HistoryRows {
    private HistoryRows() {
    }

    /** One row of {@code alias_change}. */
    public record AliasMove(String alias, Optional<Integer> previous, Optional<Integer> target, Instant at,
            String actor, String reason, boolean undone) {
    }

    /** One row of {@code audit}, with its id in the registry it was read from (its place in the trail). */
    public record Audit(long id, Instant at, String actor, String operation, String model, String target,
            String before, String after) {
    }

    /** One row of {@code deployment}, naming its version by model name and number. */
    public record DeploymentRow(long id, String environment, String model, int version, String spec, String state,
            int weight, Instant since, Instant createdAt, Optional<Long> previousId) {
    }

    /** One row of {@code deployment_event}. */
    public record EventRow(long deploymentId, String environment, String action, Optional<String> fromState,
            String toState, int weight, Instant at, String actor, String reason) {
    }

    /** A model's alias moves, oldest first. */
    public static List<AliasMove> aliasMoves(Tx tx, long modelId) throws SQLException {
        return tx.query("SELECT alias, previous, target, at, actor, reason, undone FROM alias_change"
                + " WHERE model_id = ? ORDER BY id", rs -> {
                    int p = rs.getInt(2);
                    Optional<Integer> previous = rs.wasNull() ? Optional.empty() : Optional.of(p);
                    int t = rs.getInt(3);
                    Optional<Integer> target = rs.wasNull() ? Optional.empty() : Optional.of(t);
                    return new AliasMove(rs.getString(1), previous, target, Instant.ofEpochMilli(rs.getLong(4)),
                            rs.getString(5), rs.getString(6), rs.getInt(7) != 0);
                }, modelId);
    }

    /** Writes an alias move as it was recorded elsewhere. */
    public static void insertAliasMove(Tx tx, long modelId, AliasMove m) throws SQLException {
        tx.insert("INSERT INTO alias_change (model_id, alias, previous, target, at, actor, reason, undone)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", modelId, m.alias(), m.previous().orElse(null),
                m.target().orElse(null), m.at().toEpochMilli(), m.actor(), m.reason(), m.undone() ? 1 : 0);
    }

    /** The numbers of a model's deleted versions, ascending. */
    public static List<Integer> deletedNumbers(Tx tx, long modelId) throws SQLException {
        return tx.query("SELECT number FROM version WHERE model_id = ? AND state = 'DELETED' ORDER BY number",
                rs -> rs.getInt(1), modelId);
    }

    /**
     * A model's audit trail, oldest first: the rows tied to it, and rows from before audit rows were tied
     * to models that were written under its present name (as {@link AuditLog#query} finds them).
     */
    public static List<Audit> audit(Tx tx, long modelId, String name) throws SQLException {
        return tx.query("SELECT id, at, actor, operation, model, target, before, after FROM audit"
                + " WHERE model_id = ? OR (model_id IS NULL AND model = ?) ORDER BY id", rs -> new Audit(rs.getLong(1),
                        Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)), modelId, name);
    }

    /** Writes an audit row as it was recorded elsewhere, tied to the model with this id. */
    public static void insertAudit(Tx tx, long modelId, Audit a) throws SQLException {
        tx.insert("INSERT INTO audit (at, actor, operation, model, target, before, after, model_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", a.at().toEpochMilli(), a.actor(), a.operation(),
                a.model(), a.target(), a.before(), a.after(), modelId);
    }

    /** Every deployment of every environment, by environment, then id. */
    public static List<DeploymentRow> deployments(Tx tx) throws SQLException {
        return tx.query("SELECT d.id, d.environment, m.name, v.number, d.spec, d.state, d.weight, d.since,"
                + " d.created_at, d.previous_id FROM deployment d JOIN version v ON v.id = d.version_id"
                + " JOIN model m ON m.id = v.model_id ORDER BY d.environment, d.id", rs -> {
                    long previous = rs.getLong(10);
                    Optional<Long> previousId = rs.wasNull() ? Optional.empty() : Optional.of(previous);
                    return new DeploymentRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), Instant.ofEpochMilli(rs.getLong(8)),
                            Instant.ofEpochMilli(rs.getLong(9)), previousId);
                });
    }

    /** Every deployment event, by environment, then id. */
    public static List<EventRow> events(Tx tx) throws SQLException {
        return tx.query("SELECT deployment_id, environment, action, from_state, to_state, weight, at, actor, reason"
                + " FROM deployment_event ORDER BY environment, id", rs -> new EventRow(rs.getLong(1), rs.getString(2),
                        rs.getString(3), Optional.ofNullable(rs.getString(4)), rs.getString(5), rs.getInt(6),
                        Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getString(9)));
    }

    /** One environment's deployment events, oldest first. */
    public static List<EventRow> events(Tx tx, String environment) throws SQLException {
        return tx.query("SELECT deployment_id, environment, action, from_state, to_state, weight, at, actor, reason"
                + " FROM deployment_event WHERE environment = ? ORDER BY id", rs -> new EventRow(rs.getLong(1),
                        rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)), rs.getString(5),
                        rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getString(9)), environment);
    }

    /** Whether anything was ever deployed to this environment here (any deployment, in any state). */
    public static boolean environmentUsed(Tx tx, String environment) throws SQLException {
        return tx.queryOne("SELECT 1 FROM deployment WHERE environment = ? LIMIT 1", rs -> 1, environment)
                .isPresent();
    }

    /**
     * Writes a deployment as it was recorded elsewhere, for the version with this row id.
     *
     * @return the new deployment's id
     */
    public static long insertDeployment(Tx tx, String environment, long versionId, String spec, String state,
            int weight, Instant since, Instant createdAt, Optional<Long> previousId) throws SQLException {
        return tx.insert("INSERT INTO deployment (environment, version_id, spec, state, weight, since, created_at,"
                        + " previous_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", environment, versionId, spec, state, weight,
                since.toEpochMilli(), createdAt.toEpochMilli(), previousId.orElse(null));
    }

    /** Writes a deployment event as it was recorded elsewhere, for the deployment with this id. */
    public static void insertEvent(Tx tx, long deploymentId, EventRow e) throws SQLException {
        tx.insert("INSERT INTO deployment_event (deployment_id, environment, action, from_state, to_state, weight,"
                        + " at, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", deploymentId, e.environment(),
                e.action(), e.fromState().orElse(null), e.toState(), e.weight(), e.at().toEpochMilli(), e.actor(),
                e.reason());
    }
}
