package dev.modelregistry.core.internal.metadata;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The row-level statements more than one room needs (versions, import, housekeeping), each written
 * once. A statement used by one class only stays next to its logic; a statement two rooms share lives
 * here, so a schema change has one place to look and a second database has one dialect to match.
 *
 * <p>Every method runs inside the caller's transaction. Not thread-safe on its own: {@link Tx} is not.
 */
public final class Tables {
    private Tables() {
    }

    // ---------------------------------------------------------------- model

    /** Inserts a model row whose next version is 1; returns its id. */
    public static long insertModel(Tx tx, String name, Instant createdAt) throws SQLException {
        return tx.insert("INSERT INTO model (name, created_at, next_version) VALUES (?, ?, 1)", name,
                createdAt.toEpochMilli());
    }

    /** Marks a model live again (it keeps its id, name and version numbering). */
    public static void undeleteModel(Tx tx, long modelId) throws SQLException {
        tx.update("UPDATE model SET deleted = 0 WHERE id = ?", modelId);
    }

    /** Raises a model's next version number to at least {@code atLeast}; never lowers it. */
    public static void raiseNextVersion(Tx tx, long modelId, int atLeast) throws SQLException {
        tx.update("UPDATE model SET next_version = CASE WHEN next_version < ? THEN ? ELSE next_version END WHERE id = ?",
                atLeast, atLeast, modelId);
    }

    /** The names of the live models, sorted. */
    public static List<String> liveModelNames(Tx tx) throws SQLException {
        return tx.query("SELECT name FROM model WHERE deleted = 0 ORDER BY name", rs -> rs.getString(1));
    }

    /** Adds a model tag unless the model already has that key (an existing value wins). */
    public static void addModelTagIfAbsent(Tx tx, long modelId, String key, String value) throws SQLException {
        tx.update("INSERT INTO model_tag (model_id, key, value) VALUES (?, ?, ?) ON CONFLICT (model_id, key) DO NOTHING", modelId, key, value);
    }

    // ---------------------------------------------------------------- version

    /** The id of a model's version with this number, whatever its state. */
    public static Optional<Long> versionId(Tx tx, long modelId, int number) throws SQLException {
        return tx.queryOne("SELECT id FROM version WHERE model_id = ? AND number = ?", rs -> rs.getLong(1), modelId,
                number);
    }

    /** The artifact digest (hex) of a model's version with this number, whatever its state. */
    public static Optional<String> versionDigest(Tx tx, long modelId, int number) throws SQLException {
        return tx.queryOne("SELECT digest FROM version WHERE model_id = ? AND number = ?", rs -> rs.getString(1),
                modelId, number);
    }

    /** The state ({@code LIVE} or {@code DELETED}) of a model's version with this number. */
    public static Optional<String> versionState(Tx tx, long modelId, int number) throws SQLException {
        return tx.queryOne("SELECT state FROM version WHERE model_id = ? AND number = ?", rs -> rs.getString(1),
                modelId, number);
    }

    /** Makes a deleted version live again. */
    public static void restoreVersion(Tx tx, long modelId, int number) throws SQLException {
        tx.update("UPDATE version SET state = 'LIVE', deleted_at = NULL WHERE model_id = ? AND number = ?", modelId,
                number);
    }

    /** Sets (or replaces) one tag of a version. */
    public static void putVersionTag(Tx tx, long versionId, String key, String value) throws SQLException {
        tx.update("INSERT INTO version_tag (version_id, key, value) VALUES (?, ?, ?)"
                + " ON CONFLICT (version_id, key) DO UPDATE SET value = excluded.value", versionId, key, value);
    }

    /** Whether any live version references the blob with this digest (hex). */
    public static boolean isDigestLive(Tx tx, String digestHex) throws SQLException {
        return tx.queryOne("SELECT 1 FROM version WHERE digest = ? AND state = 'LIVE' LIMIT 1", rs -> 1, digestHex)
                .isPresent();
    }

    /** Every digest (hex) any version row names, live or deleted: what the database knows of. */
    public static Set<String> knownDigests(Tx tx) throws SQLException {
        return new HashSet<>(tx.query("SELECT DISTINCT digest FROM version", rs -> rs.getString(1)));
    }

    // ---------------------------------------------------------------- alias

    /** The version number an alias of a model points at. */
    public static Optional<Integer> aliasTarget(Tx tx, long modelId, String alias) throws SQLException {
        return tx.queryOne("SELECT v.number FROM alias a JOIN version v ON v.id = a.version_id"
                + " WHERE a.model_id = ? AND a.name = ?", rs -> rs.getInt(1), modelId, alias);
    }

    /** Points an alias of a model at a version (by the version row's id), replacing any target it had. */
    public static void putAlias(Tx tx, long modelId, String alias, long versionId) throws SQLException {
        tx.update("INSERT INTO alias (model_id, name, version_id) VALUES (?, ?, ?)"
                + " ON CONFLICT (model_id, name) DO UPDATE SET version_id = excluded.version_id", modelId, alias, versionId);
    }
}
