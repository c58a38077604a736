package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.version.DeploymentStatus;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads version rows with their tags and aliases, in batches to avoid one query per version. */
public final class VersionRows {
    /** The columns every version query selects, in the order {@link #row} reads them. */
    static final String COLUMNS = "v.id, m.name, v.number, v.state, v.digest, v.size, v.metadata, v.created_at,"
            + " v.created_by, v.deleted_at, v.model_id";
    public static final String FROM = " FROM version v JOIN model m ON m.id = v.model_id";
    public static final String SELECT = "SELECT " + COLUMNS + FROM;

    private VersionRows() {
    }

    /** One version row before its tags and aliases are attached. */
    public record Row(long id, String model, int number, VersionState state, ArtifactInfo artifact, String metadataJson,
            Instant createdAt, String createdBy, Optional<Instant> deletedAt, long modelId) {
    }

    public static Row row(ResultSet rs) throws SQLException {
        long deleted = rs.getLong(10);
        Optional<Instant> deletedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(deleted));
        return new Row(rs.getLong(1), rs.getString(2), rs.getInt(3), VersionState.valueOf(rs.getString(4)),
                new ArtifactInfo(new ArtifactDigest(rs.getString(5)), rs.getLong(6)), rs.getString(7),
                Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9), deletedAt, rs.getLong(11));
    }

    public static List<ModelVersion> complete(Tx tx, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, String>> tags = new HashMap<>();
        Map<Long, List<String>> aliases = new HashMap<>();
        Map<Long, Map<String, String>> deployed = new HashMap<>();
        String deployedStates = " AND state NOT IN ('RETIRED', 'ROLLED_BACK')";
        List<String[]> tagRows;
        List<String[]> aliasRows;
        List<String[]> deployedRows;
        if (rows.size() == 1) {
            // One version (every resolution): statements with a parameter, so the connection keeps them prepared.
            long id = rows.get(0).id();
            tagRows = tx.query("SELECT version_id, key, value FROM version_tag WHERE version_id = ?", VersionRows::three, id);
            aliasRows = tx.query("SELECT version_id, name FROM alias WHERE version_id = ?", VersionRows::two, id);
            deployedRows = tx.query("SELECT version_id, environment, state FROM deployment WHERE version_id = ?"
                    + deployedStates, VersionRows::three, id);
        } else {
            // Ids are longs from our own rows, so inlining them is safe and lets one query serve the page.
            String ids = rows.stream().map(r -> Long.toString(r.id())).collect(Collectors.joining(",", "(", ")"));
            tagRows = tx.queryOnce("SELECT version_id, key, value FROM version_tag WHERE version_id IN " + ids,
                    VersionRows::three);
            aliasRows = tx.queryOnce("SELECT version_id, name FROM alias WHERE version_id IN " + ids, VersionRows::two);
            deployedRows = tx.queryOnce("SELECT version_id, environment, state FROM deployment WHERE version_id IN "
                    + ids + deployedStates, VersionRows::three);
        }
        for (String[] t : tagRows) {
            tags.computeIfAbsent(Long.parseLong(t[0]), k -> new HashMap<>()).put(t[1], t[2]);
        }
        for (String[] a : aliasRows) {
            aliases.computeIfAbsent(Long.parseLong(a[0]), k -> new ArrayList<>()).add(a[1]);
        }
        for (String[] d : deployedRows) {
            deployed.computeIfAbsent(Long.parseLong(d[0]), k -> new HashMap<>()).put(d[1], d[2]);
        }
        List<ModelVersion> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new ModelVersion(r.model(), r.number(), r.state(), r.artifact(),
                    MetadataMemo.parse(r.metadataJson()), tags.getOrDefault(r.id(), Map.of()),
                    aliases.getOrDefault(r.id(), List.of()),
                    new DeploymentStatus(deployed.getOrDefault(r.id(), Map.of())), r.createdAt(), r.createdBy(),
                    r.deletedAt()));
        }
        return out;
    }

    private static String[] two(ResultSet rs) throws SQLException {
        return new String[] {rs.getString(1), rs.getString(2)};
    }

    private static String[] three(ResultSet rs) throws SQLException {
        return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
    }

    public static ModelVersion complete(Tx tx, Row row) throws SQLException {
        return complete(tx, List.of(row)).get(0);
    }
}
