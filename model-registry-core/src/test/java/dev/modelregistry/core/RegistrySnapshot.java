package dev.modelregistry.core;

import dev.modelregistry.core.internal.metadata.MetadataDatabase;
import dev.modelregistry.core.internal.metadata.SqliteDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A full listing of a registry: every row of every table and every file under the root (except the
 * SQLite files themselves, whose bytes change with checkpoints). Two equal snapshots mean nothing
 * visible changed.
 */
final class RegistrySnapshot {
    private static final List<String> TABLES = List.of("model", "version", "version_tag", "version_metric",
            "model_tag", "alias", "alias_change", "audit", "version_document", "deployment", "deployment_event", "registry_identity");

    private RegistrySnapshot() {
    }

    static String of(ModelRegistry registry) {
        StringBuilder out = new StringBuilder();
        registry.database().read(tx -> {
            for (String table : TABLES) {
                out.append("# ").append(table).append('\n');
                for (String row : tx.query("SELECT * FROM " + table + " ORDER BY 1, 2", rs -> {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        cells.add(String.valueOf(rs.getObject(i)));
                    }
                    return String.join(" | ", cells);
                })) {
                    out.append(row).append('\n');
                }
            }
            return null;
        });
        out.append("# files\n");
        try (Stream<Path> files = Files.walk(registry.root())) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !registry.root().relativize(p).toString().startsWith(SqliteDatabase.FILE_NAME))
                    .sorted()
                    .forEach(p -> out.append(registry.root().relativize(p)).append(' ').append(sha256(p)).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Byte for byte: the SHA-256 of a file's content. */
    private static String sha256(Path p) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
