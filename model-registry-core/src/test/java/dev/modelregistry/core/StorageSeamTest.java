package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.testkit.storage.InMemoryModelStorage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.internal.metadata.RegistryIdentity;

/** A registry over another artifact store behaves as over its own directory. */
class StorageSeamTest {
    @TempDir
    Path dir;

    @Test
    void register_load_gc_export_and_import_work_through_an_in_memory_store() throws Exception {
        InMemoryModelStorage store = new InMemoryModelStorage();
        byte[] kept = "kept".getBytes(StandardCharsets.UTF_8);
        Path archive = dir.resolve("m.zip");
        try (ModelRegistry registry = ModelRegistry.builder(dir.resolve("r")).storage(store).open()) {
            registry.versions().register("m", kept, ModelMetadata.of("bytes"));
            registry.versions().register("m", "dropped".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            registry.versions().deleteVersion("m", 2);
            assertThat(registry.gc(Duration.ZERO).blobsRemoved()).isEqualTo(1);
            try (Stream<?> blobs = store.list()) {
                assertThat(blobs.count()).isEqualTo(1);
            }
            try (InputStream in = registry.models().openArtifact(ModelRef.parse("m/1"))) {
                assertThat(in.readAllBytes()).isEqualTo(kept);
            }
            assertThat(registry.verify().healthy()).isTrue();
            registry.backups().exportModel("m", archive);
        }
        try (Stream<Path> files = Files.walk(dir.resolve("r").resolve("blobs"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("no blob files: only the identity marker").containsExactly(RegistryIdentity.MARKER_FILE);
        }
        InMemoryModelStorage other = new InMemoryModelStorage();
        try (ModelRegistry copy = ModelRegistry.builder(dir.resolve("copy")).storage(other)
                .trustKey(BackupTest.keyOf(dir.resolve("r"))).open()) {
            assertThat(copy.backups().importArchive(archive).versionsImported()).isEqualTo(1);
            try (InputStream in = copy.models().openArtifact(ModelRef.parse("m/1"))) {
                assertThat(in.readAllBytes()).isEqualTo(kept);
            }
        }
    }
}
