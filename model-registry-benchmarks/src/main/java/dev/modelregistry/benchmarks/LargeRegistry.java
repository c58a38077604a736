package dev.modelregistry.benchmarks;

import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A registry directory holding many versions, written straight into its schema in one transaction:
 * registering 100,000 artifacts through the API would take most of an hour of fsyncs and measure only
 * the disk. The rows look like registered ones: {@code model-M} has versions 1..{@code perModel},
 * every version has a {@code stage} tag ({@code prod} for every tenth, else {@code dev}), an
 * {@code rmse} metric (also in its metadata JSON), a model type {@code type-(n % 5)}, and creation
 * times one millisecond apart. The artifacts are not stored (the digest names no blob), so these
 * versions can be searched and resolved but not loaded.
 *
 * <p>Not thread-safe; for benchmark set-up only.
 */
final class LargeRegistry {
    /** When the first fixture version was created. */
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private LargeRegistry() {
    }

    /**
     * Makes a new registry in a fresh temporary directory with {@code models × perModel} versions.
     *
     * @param models how many models
     * @param perModel how many versions each
     * @return the registry's directory (closed; open it with {@link ModelRegistry#open(Path)})
     */
    static Path create(int models, int perModel) {
        try {
            Path dir = Files.createTempDirectory("model-registry-large");
            ModelRegistry.open(dir).close(); // the schema, identity and keys
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"))) {
                fill(c, models, perModel);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fill the fixture registry: " + e.getMessage(), e);
        }
    }

    private static void fill(Connection c, int models, int perModel) throws SQLException {
        c.setAutoCommit(false);
        String digest = "0".repeat(64);
        long t0 = T0.toEpochMilli();
        try (PreparedStatement model = c.prepareStatement(
                "INSERT INTO model (name, created_at, next_version) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                PreparedStatement version = c.prepareStatement("INSERT INTO version (model_id, number, state, digest,"
                        + " size, format_id, model_type, metadata, created_at, created_by)"
                        + " VALUES (?, ?, 'LIVE', ?, 1024, 'bytes', ?, ?, ?, 'bulk')", Statement.RETURN_GENERATED_KEYS);
                PreparedStatement metric = c.prepareStatement(
                        "INSERT INTO version_metric (version_id, name, value) VALUES (?, 'rmse', ?)");
                PreparedStatement tag = c.prepareStatement(
                        "INSERT INTO version_tag (version_id, key, value) VALUES (?, 'stage', ?)")) {
            for (int m = 0; m < models; m++) {
                model.setString(1, "model-" + m);
                model.setLong(2, t0);
                model.setInt(3, perModel + 1);
                model.executeUpdate();
                long modelId = key(model);
                for (int n = 1; n <= perModel; n++) {
                    double rmse = (n % 97) / 100.0;
                    String type = "type-" + (n % 5);
                    version.setLong(1, modelId);
                    version.setInt(2, n);
                    version.setString(3, digest);
                    version.setString(4, type);
                    version.setString(5, Json.write(ModelMetadata.builder("bytes").modelType(type)
                            .description("fixture version " + n + " of model-" + m).metric("rmse", rmse)
                            .property("team", "fixtures").build()));
                    version.setLong(6, t0 + (long) m * perModel + n);
                    version.executeUpdate();
                    long id = key(version);
                    metric.setLong(1, id);
                    metric.setDouble(2, rmse);
                    metric.executeUpdate();
                    tag.setLong(1, id);
                    tag.setString(2, n % 10 == 0 ? "prod" : "dev");
                    tag.executeUpdate();
                }
            }
        }
        // No ANALYZE: the registry never runs it, so the planner sees what it sees in use.
        c.commit();
    }

    private static long key(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /**
     * Deletes a directory and everything in it.
     *
     * @param dir the directory
     */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
