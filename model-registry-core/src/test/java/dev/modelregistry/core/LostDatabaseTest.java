package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.RegistryStateException;
import dev.modelregistry.api.version.ModelMetadata;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.internal.metadata.RegistryIdentity;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.maintenance.Finding;

/** A lost, emptied, foreign or damaged database is never taken for an empty registry. */
class LostDatabaseTest {
    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void fortyVersions() {
        root = dir.resolve("registry");
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            for (int i = 0; i < 40; i++) {
                registry.versions().register("m" + (i % 4), ("bytes-" + i).getBytes(StandardCharsets.UTF_8),
                        ModelMetadata.of("bytes"));
            }
        }
    }

    @Test
    void a_deleted_database_is_refused_with_a_recovery_message_and_nothing_is_deleted() throws IOException {
        Map<String, String> before = files();
        deleteDatabase();
        assertThatThrownBy(() -> ModelRegistry.open(root)).isInstanceOf(RegistryStateException.class)
                .hasMessageContaining("registry.db").hasMessageContaining("is missing")
                .hasMessageContaining("Nothing was changed").hasMessageContaining("importArchive");
        assertThat(Files.exists(root.resolve("registry.db"))).as("no new empty database was created").isFalse();
        before.keySet().removeIf(p -> p.startsWith("registry.db"));
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void a_database_truncated_to_zero_bytes_is_refused() throws IOException {
        Files.write(root.resolve("registry.db"), new byte[0]);
        Files.deleteIfExists(root.resolve("registry.db-wal"));
        Files.deleteIfExists(root.resolve("registry.db-shm"));
        Map<String, String> before = files();
        assertThatThrownBy(() -> ModelRegistry.open(root)).isInstanceOf(RegistryStateException.class)
                .hasMessageContaining("is empty (0 bytes)");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void a_database_that_lost_its_wal_is_refused() throws IOException {
        // A registry whose committed transactions all sit in the WAL: the main file is only a header.
        Path fresh = dir.resolve("wal-only");
        byte[] mainFile;
        try (ModelRegistry registry = ModelRegistry.open(fresh)) {
            mainFile = Files.readAllBytes(fresh.resolve("registry.db"));
            registry.versions().register("m", "x".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            // Simulate the loss while the registry is open: copy what the main file held, then the WAL goes.
            Files.write(dir.resolve("main-copy"), Files.readAllBytes(fresh.resolve("registry.db")));
        }
        Files.write(fresh.resolve("registry.db"), mainFile);
        Files.deleteIfExists(fresh.resolve("registry.db-wal"));
        Files.deleteIfExists(fresh.resolve("registry.db-shm"));
        assertThatThrownBy(() -> ModelRegistry.open(fresh)).isInstanceOf(RegistryStateException.class)
                .hasMessageContaining("has no identity");
        assertThat(blobCount(fresh)).isEqualTo(1);
    }

    @Test
    void a_database_from_another_registry_is_refused() throws IOException {
        Path other = dir.resolve("other");
        ModelRegistry.open(other).close();
        deleteDatabase();
        Files.copy(other.resolve("registry.db"), root.resolve("registry.db"));
        assertThatThrownBy(() -> ModelRegistry.open(root)).isInstanceOf(RegistryStateException.class)
                .hasMessageContaining("belongs to registry");
    }

    @Test
    void a_lost_database_of_a_registry_made_before_identities_is_refused_because_blobs_remain() throws IOException {
        deleteDatabase();
        Files.delete(root.resolve("blobs").resolve(RegistryIdentity.MARKER_FILE));
        assertThatThrownBy(() -> ModelRegistry.open(root)).isInstanceOf(RegistryStateException.class)
                .hasMessageContaining("blobs/ holds artifacts");
        assertThat(blobCount(root)).isEqualTo(40);
    }

    @Test
    void a_lost_marker_is_rewritten_from_the_database() throws IOException {
        Path marker = root.resolve("blobs").resolve(RegistryIdentity.MARKER_FILE);
        String id = Files.readString(marker);
        Files.delete(marker);
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            assertThat(registry.versions().models()).hasSize(4);
            assertThat(id).contains(registry.id());
        }
        assertThat(Files.readString(marker)).isEqualTo(id);
    }

    @Test
    void a_garbled_page_in_the_middle_of_the_database_makes_verify_unhealthy() throws IOException {
        // Closed by the setup: SQLite checkpointed the WAL into the main file when its last connection closed.
        assertThat(root.resolve("registry.db-wal")).doesNotExist();
        Path db = root.resolve("registry.db");
        long pages = Files.size(db) / 4096;
        assertThat(pages).isGreaterThan(4);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            new java.util.Random(42).nextBytes(garbage);
            f.seek(pages / 2 * 4096);
            f.write(garbage);
        }
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            VerifyReport report = registry.verify();
            assertThat(report.healthy()).isFalse();
            assertThat(report.findings(Finding.Kind.DATABASE_CORRUPT)).isNotEmpty();
        }
    }

    @Test
    void gc_refuses_to_remove_most_blobs_as_orphans_unless_forced() throws IOException {
        // The database says nothing of these blobs: the picture of a database swapped for an empty one.
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            for (int i = 0; i < 50; i++) {
                registry.storage().write(new java.io.ByteArrayInputStream(("orphan-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            int before = blobCount(root);
            assertThatThrownBy(() -> registry.gc(Duration.ZERO)).isInstanceOf(RegistryStateException.class)
                    .hasMessageContaining("50 of 90 blobs").hasMessageContaining("Nothing was deleted");
            assertThat(blobCount(root)).isEqualTo(before);
            assertThat(registry.gcForced(Duration.ZERO).blobsRemoved()).isEqualTo(50);
            assertThat(registry.verify().healthy()).isTrue();
        }
    }

    @Test
    void a_few_orphans_of_crashed_registrations_in_a_young_registry_are_removed(@org.junit.jupiter.api.io.TempDir
            Path young) {
        // What registrations killed between publishing and committing leave: blobs no version names.
        try (ModelRegistry registry = ModelRegistry.open(young)) {
            for (int i = 0; i < 3; i++) {
                registry.storage().write(new java.io.ByteArrayInputStream(("crashed-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(registry.gc(Duration.ZERO).blobsRemoved()).isEqualTo(3);
        }
    }

    @Test
    void the_documented_recovery_rebuilds_the_registry_from_exports_and_automatic_backups() throws IOException {
        Path export = dir.resolve("exports").resolve("all.zip");
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            registry.backups().exportAll(export);
            registry.versions().register("m0", "after-export".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            registry.versions().deleteVersion("m0", 1);
        }
        deleteDatabase();
        assertThatThrownBy(() -> ModelRegistry.open(root)).isInstanceOf(RegistryStateException.class);

        // docs/storage-and-versions.md, "Recovering a registry": move aside, keep the signing key (so the
        // old archives stay trusted), open anew, import oldest first.
        Path aside = dir.resolve("registry.damaged");
        Files.move(root, aside);
        Files.createDirectories(root.resolve("keys"));
        Files.copy(aside.resolve("keys").resolve("ed25519.key"), root.resolve("keys").resolve("ed25519.key"));
        try (ModelRegistry rebuilt = ModelRegistry.open(root)) {
            rebuilt.backups().importArchive(export);
            try (Stream<Path> backups = Files.list(aside.resolve("backups"))) {
                for (Path b : backups.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
                    rebuilt.backups().importArchive(b);
                }
            }
            assertThat(rebuilt.versions().versions("m0")).hasSize(10);
            assertThat(rebuilt.versions().models()).hasSize(4);
            assertThat(rebuilt.models().load(ModelRef.version("m3", 10))).isNotNull();
            assertThat(rebuilt.verify().healthy()).isTrue();
        }
    }

    private void deleteDatabase() throws IOException {
        for (String f : List.of("registry.db", "registry.db-wal", "registry.db-shm")) {
            Files.deleteIfExists(root.resolve(f));
        }
    }

    private Map<String, String> files() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Long.toString(Files.size(p)) + ":" + Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    private static int blobCount(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root.resolve("blobs").resolve("sha256"))) {
            return (int) all.filter(Files::isRegularFile).count();
        }
    }
}
