package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.version.Lineage;
import dev.modelregistry.api.version.ModelMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.internal.metadata.SqlVersionManager;

/** Metadata and version numbers are bounded before anything is written; failures say what happened. */
class BoundsAndErrorsTest {
    @TempDir
    Path dir;

    @Test
    void oversized_metadata_is_refused_before_any_blob_is_written() throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("r"))) {
            String before = RegistrySnapshot.of(registry);
            ModelMetadata description = ModelMetadata.builder("bytes").description("d".repeat(21_000_000)).build();
            assertThatThrownBy(() -> registry.versions().register("m", new byte[] {1}, description))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("description has 21000000");
            ModelMetadata lineage = ModelMetadata.builder("bytes").lineage(new Lineage(
                    Collections.nCopies(1_000_000, "parent/1"), List.of(), Optional.empty())).build();
            assertThatThrownBy(() -> registry.versions().register("m", new byte[] {1}, lineage))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("lineage has 1000000");
            assertThat(RegistrySnapshot.of(registry)).isEqualTo(before);
            try (Stream<Path> tmp = Files.list(registry.root().resolve("tmp"))) {
                assertThat(tmp.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    @Test
    void a_model_whose_numbers_are_used_up_refuses_new_versions_with_a_clear_message() {
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("r"))) {
            registry.versions().register("m", new byte[] {1}, ModelMetadata.of("bytes"));
            registry.database().write(tx -> tx.update("UPDATE model SET next_version = ?",
                    SqlVersionManager.MAX_VERSION_NUMBER + 1));
            String before = RegistrySnapshot.of(registry);
            assertThatThrownBy(() -> registry.versions().register("m", new byte[] {2}, ModelMetadata.of("bytes")))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("used up its version numbers");
            assertThat(RegistrySnapshot.of(registry)).isEqualTo(before);
            assertThat(registry.versions().get(ModelRef.parse("m@latest")).version()).isEqualTo(1);
        }
    }

    @Test
    void a_full_database_is_reported_as_sqlite_full_with_the_cause_kept_and_the_registry_recovers() {
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("r"))) {
            registry.versions().register("m", new byte[] {1}, ModelMetadata.of("bytes"));
            int pages = registry.database().read(tx -> tx.queryOne("PRAGMA page_count", rs -> rs.getInt(1)).orElseThrow());
            // SQLite's own limit gives the same SQLITE_FULL a full disk gives, at the same place.
            registry.database().read(tx -> tx.query("PRAGMA max_page_count = " + pages, rs -> null));
            String big = "x".repeat(60_000);
            StorageException full = null;
            for (int i = 0; i < 50 && full == null; i++) {
                try {
                    registry.versions().register("m", ("v" + i).getBytes(StandardCharsets.UTF_8),
                            ModelMetadata.builder("bytes").description(big).build());
                } catch (StorageException e) {
                    full = e;
                }
            }
            assertThat(full).isNotNull();
            assertThat(full.getMessage()).contains("disk full").contains("SQLITE_FULL");
            assertThat(full).hasRootCauseInstanceOf(org.sqlite.SQLiteException.class);
            registry.database().read(tx -> tx.query("PRAGMA max_page_count = 1073741823", rs -> null));
            registry.versions().register("m", "after".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            assertThat(registry.verify().healthy()).isTrue();
        }
    }

    @Test
    void a_failed_open_leaves_no_database_connection_behind() throws Exception {
        Path root = dir.resolve("r");
        ModelRegistry.open(root).close();
        Files.writeString(root.resolve("keys").resolve("ed25519.key"), "private garbage\npublic garbage\n");
        assertThatThrownBy(() -> ModelRegistry.open(root)).isInstanceOf(StorageException.class)
                .hasMessageContaining("signing key");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux only");
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            assertThat(fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (java.io.IOException e) {
                    return "";
                }
            })).as("open files of this JVM").noneMatch(f -> f.startsWith(root.toString()));
        }
    }
}
