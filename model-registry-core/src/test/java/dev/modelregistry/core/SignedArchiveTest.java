package dev.modelregistry.core;

import dev.modelregistry.api.archive.SigningKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArchiveException;
import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.UntrustedArchiveException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.internal.archive.ArchiveSignature;
import dev.modelregistry.api.archive.ImportOptions;

/** Archives carry their exporter's Ed25519 signature; import trusts only known keys unless told otherwise. */
class SignedArchiveTest {
    @TempDir
    Path dir;

    @Test
    void an_archive_from_an_unknown_key_is_refused_and_accepted_once_that_key_is_trusted() {
        Path archive = exportFromSource("m");
        try (ModelRegistry target = ModelRegistry.open(dir.resolve("target"))) {
            String before = RegistrySnapshot.of(target);
            assertThatThrownBy(() -> target.backups().importArchive(archive))
                    .isInstanceOf(UntrustedArchiveException.class).hasMessageContaining("signed by unknown key")
                    .hasMessageContaining("trustKey");
            assertThat(RegistrySnapshot.of(target)).isEqualTo(before);
        }
        try (ModelRegistry target = ModelRegistry.builder(dir.resolve("target"))
                .trustKey(BackupTest.keyOf(dir.resolve("source"))).open()) {
            assertThat(target.backups().importArchive(archive).versionsImported()).isEqualTo(1);
        }
    }

    @Test
    void a_one_byte_change_to_a_signed_manifest_is_refused_even_when_untrusted_archives_are_allowed() {
        Path archive = exportFromSource("m");
        Map<String, byte[]> entries = TestArchives.read(archive);
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        entries.put("manifest.json", manifest.replaceFirst("\"m\"", "\"n\"").getBytes(StandardCharsets.UTF_8));
        Path tampered = TestArchives.write(dir.resolve("tampered.zip"), entries);
        try (ModelRegistry target = ModelRegistry.builder(dir.resolve("target"))
                .trustKey(BackupTest.keyOf(dir.resolve("source"))).open()) {
            String before = RegistrySnapshot.of(target);
            assertThatThrownBy(() -> target.backups().importArchive(tampered))
                    .isInstanceOf(InvalidArchiveException.class).hasMessageContaining("changed after key");
            assertThatThrownBy(() -> target.backups().importArchive(tampered, ImportOptions.allowUntrusted("test")))
                    .isInstanceOf(InvalidArchiveException.class).hasMessageContaining("changed after key");
            assertThat(RegistrySnapshot.of(target)).isEqualTo(before);
        }
    }

    @Test
    void an_unsigned_archive_is_refused_by_default_and_its_acceptance_is_audited() {
        Path archive = exportFromSource("m");
        Map<String, byte[]> entries = TestArchives.read(archive);
        entries.remove(ArchiveSignature.ENTRY);
        Path unsigned = TestArchives.write(dir.resolve("unsigned.zip"), entries);
        try (ModelRegistry target = ModelRegistry.open(dir.resolve("target"))) {
            assertThatThrownBy(() -> target.backups().importArchive(unsigned))
                    .isInstanceOf(UntrustedArchiveException.class).hasMessageContaining("it is unsigned");
            target.backups().importArchive(unsigned, ImportOptions.allowUntrusted("TICKET-42: legacy archive"));
            List<AuditEntry> audit = target.audit().forModel("m");
            assertThat(audit).anySatisfy(a -> {
                assertThat(a.operation()).isEqualTo("import-untrusted");
                assertThat(a.before()).isEqualTo("unsigned");
                assertThat(a.after()).contains("TICKET-42");
            });
        }
    }

    @Test
    void the_signing_key_survives_reopening_and_retired_keys_stay_trusted() throws IOException {
        Path root = dir.resolve("rotating");
        String first;
        Path oldArchive = dir.resolve("old.zip");
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            registry.versions().register("m", "x".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            registry.backups().exportModel("m", oldArchive);
            first = SigningKeys.encode(registry.publicKey());
        }
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            assertThat(SigningKeys.encode(registry.publicKey())).isEqualTo(first);
        }
        // Rotation as docs/storage-and-versions.md describes it: retire the public key, move the pair aside.
        Path keys = root.resolve("keys");
        Files.createDirectories(keys.resolve("retired"));
        Files.move(keys.resolve("ed25519.pub"), keys.resolve("retired").resolve("2026-11.pub"));
        Files.move(keys.resolve("ed25519.key"), dir.resolve("retired-ed25519.key"));
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            assertThat(SigningKeys.encode(registry.publicKey())).isNotEqualTo(first);
            registry.versions().deleteModel("m");
            assertThat(registry.backups().importArchive(oldArchive).versionsRestored()).isEqualTo(1);
        }
    }

    @Test
    void an_untrusted_archive_whose_native_model_would_crash_the_jvm_is_refused_by_the_isolated_load_check()
            throws IOException {
        Path source = dir.resolve("source");
        Path healthy = dir.resolve("healthy.zip");
        Path crashing = dir.resolve("crashing.zip");
        try (ModelRegistry registry = ModelRegistry.open(source);
                TrainedModel model = registry.training().train(TrainingRequest.of("lightgbm", data()))) {
            ModelVersion v = registry.training().register("good", model);
            registry.backups().exportModel("good", healthy);
            byte[] bundle;
            try (InputStream in = registry.models().openArtifact(v.ref())) {
                bundle = in.readAllBytes();
            }
            // Same length, so the bundle stays well formed: only the native model inside is poisoned.
            String text = new String(bundle, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("num_tree_per_iteration=1");
            byte[] poisoned = text.replace("num_tree_per_iteration=1", "num_tree_per_iteration=0")
                    .getBytes(StandardCharsets.ISO_8859_1);
            registry.versions().register("bad", poisoned, v.metadata());
            registry.backups().exportModel("bad", crashing);
        }
        try (ModelRegistry target = ModelRegistry.open(dir.resolve("target"))) {
            String before = RegistrySnapshot.of(target);
            assertThatThrownBy(() -> target.backups().importArchive(crashing, ImportOptions.allowUntrusted("test")))
                    .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("bad/1");
            assertThat(RegistrySnapshot.of(target)).isEqualTo(before);
            target.backups().importArchive(healthy, ImportOptions.allowUntrusted("test"));
            assertThat(target.models().load(ModelRef.parse("good/1"))).isNotNull();
        }
    }

    private Path exportFromSource(String model) {
        Path archive = dir.resolve(model + ".zip");
        try (ModelRegistry source = ModelRegistry.open(dir.resolve("source"))) {
            source.versions().register(model, "bytes".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            source.backups().exportModel(model, archive);
        }
        return archive;
    }

    private static Dataset data() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] x = new double[200][3];
        double[] y = new double[200];
        for (int r = 0; r < 200; r++) {
            for (int j = 0; j < 3; j++) {
                x[r][j] = random.nextDouble(-1, 1);
            }
            y[r] = 2 * x[r][0] - x[r][1] + 0.05 * random.nextGaussian();
        }
        return Dataset.of(List.of("a", "b", "c"), x, y);
    }
}
