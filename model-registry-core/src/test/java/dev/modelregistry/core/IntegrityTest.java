package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.internal.blobs.FileSystemModelStorage;
import dev.modelregistry.core.codec.BytesModel;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.maintenance.Finding;

class IntegrityTest {
    @TempDir
    Path dir;
    List<ModelVersion> versions;

    @BeforeEach
    void registerThree() {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            versions = IntStream.rangeClosed(1, 3)
                    .mapToObj(i -> registry.versions().register("m", payload(i), ModelMetadata.of("bytes")))
                    .toList();
        }
    }

    @Test
    void a_flipped_byte_gives_an_integrity_exception_and_a_finding_while_other_versions_load() throws Exception {
        Path blob = blobOf(versions.get(1));
        try (RandomAccessFile f = new RandomAccessFile(blob.toFile(), "rw")) {
            f.seek(500);
            int b = f.read();
            f.seek(500);
            f.write(b ^ 0x01);
        }
        assertCorruptionOfVersion2IsCaught();
    }

    @Test
    void a_truncated_blob_gives_an_integrity_exception_and_a_finding_while_other_versions_load() throws Exception {
        try (FileChannel ch = FileChannel.open(blobOf(versions.get(1)), StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
        assertCorruptionOfVersion2IsCaught();
    }

    @Test
    void a_warm_cache_keeps_serving_but_every_cold_load_verifies() throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            registry.models().load(ModelRef.parse("m/2"));
            try (FileChannel ch = FileChannel.open(blobOf(versions.get(1)), StandardOpenOption.WRITE)) {
                ch.truncate(10);
            }
            assertThat(registry.models().load(ModelRef.parse("m/2"))).isNotNull();
            assertThat(registry.cacheStats().hits()).isEqualTo(1);
        }
        try (ModelRegistry reopened = ModelRegistry.open(dir)) {
            assertThatThrownBy(() -> reopened.models().load(ModelRef.parse("m/2")))
                    .isInstanceOf(IntegrityException.class);
        }
    }

    private void assertCorruptionOfVersion2IsCaught() {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            assertThatThrownBy(() -> registry.models().load(ModelRef.parse("m/2")))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining(versions.get(1).artifact().digest().toString());
            assertThatThrownBy(() -> registry.models().openArtifact(ModelRef.parse("m/2")).readAllBytes())
                    .isInstanceOf(IntegrityException.class);

            VerifyReport report = registry.verify();
            assertThat(report.healthy()).isFalse();
            assertThat(report.findings(Finding.Kind.CORRUPT_BLOB))
                    .singleElement()
                    .satisfies(f -> assertThat(f.subject()).isEqualTo(versions.get(1).artifact().digest().toString()))
                    .satisfies(f -> assertThat(f.detail()).contains("m/2"));

            assertThat(registry.models().load(ModelRef.parse("m/1")).unwrap(BytesModel.class).bytes()).isEqualTo(payload(1));
            assertThat(registry.models().load(ModelRef.parse("m/1")).unwrap(byte[].class)).isEqualTo(payload(1));
            assertThat(registry.models().load(ModelRef.parse("m/3")).unwrap(BytesModel.class).bytes()).isEqualTo(payload(3));
        }
    }

    private Path blobOf(ModelVersion v) {
        return FileSystemModelStorage.open(dir).blobPath(v.artifact().digest());
    }

    static byte[] payload(int i) {
        byte[] b = new byte[2_000 + i];
        new java.util.Random(i).nextBytes(b);
        return b;
    }
}
