package dev.modelregistry.core;

import dev.modelregistry.api.archive.SigningKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.codec.BytesModel;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.archive.ExportReport;
import dev.modelregistry.api.archive.ImportReport;

class BackupTest {
    @TempDir
    Path dir;

    @Test
    void export_then_import_into_a_second_registry_keeps_numbers_aliases_tags_and_bytes() {
        Path archive = dir.resolve("spx.zip");
        List<ModelVersion> originals;
        try (ModelRegistry a = ModelRegistry.open(dir.resolve("a"))) {
            a.versions().register("spx", IntegrityTest.payload(1), ModelMetadata.builder("bytes").metric("rmse", 1).build());
            a.versions().register("spx", IntegrityTest.payload(2), ModelMetadata.of("bytes"));
            a.versions().register("spx", IntegrityTest.payload(3), ModelMetadata.of("bytes"));
            a.versions().deleteVersion("spx", 2);
            a.versions().setAlias("spx", "champion", 3);
            a.versions().setVersionTag(ModelRef.parse("spx/3"), "stage", "prod");
            a.versions().setModelTag("spx", "owner", "quants");
            a.versions().putDocument(ModelRef.parse("spx/3"), "evaluation", "{\"hit_rate\":0.55}");
            ExportReport report = a.backups().exportModel("spx", archive);
            assertThat(report.versions()).isEqualTo(2);
            assertThat(report.blobs()).isEqualTo(2);
            originals = a.versions().versions("spx");
        }
        try (ModelRegistry b = ModelRegistry.builder(dir.resolve("b")).trustKey(keyOf(dir.resolve("a"))).open()) {
            ImportReport report = b.backups().importArchive(archive);

            assertThat(report.modelsCreated()).isEqualTo(1);
            assertThat(report.versionsImported()).isEqualTo(2);
            assertThat(report.aliasesSet()).isEqualTo(1);
            assertThat(b.versions().versions("spx")).extracting(ModelVersion::version).containsExactly(1, 3);
            assertThat(b.versions().versions("spx")).extracting(ModelVersion::artifact, ModelVersion::metadata,
                    ModelVersion::tags).isEqualTo(originals.stream().map(v -> org.assertj.core.groups.Tuple.tuple(
                            v.artifact(), v.metadata(), v.tags())).toList());
            assertThat(b.versions().get(ModelRef.parse("spx@champion")).version()).isEqualTo(3);
            assertThat(b.versions().model("spx").tags()).containsEntry("owner", "quants");
            assertThat(b.versions().documents(ModelRef.parse("spx/3"))).containsEntry("evaluation", "{\"hit_rate\":0.55}");
            assertThat(b.models().load(ModelRef.parse("spx@champion")).unwrap(BytesModel.class).bytes())
                    .isEqualTo(IntegrityTest.payload(3));
            assertThat(b.verify().healthy()).isTrue();
            // Numbers continue after the highest imported one, never reusing 2.
            assertThat(b.versions().register("spx", new byte[] {1}, ModelMetadata.of("bytes")).version()).isEqualTo(4);
            // Importing again changes nothing.
            assertThat(b.backups().importArchive(archive).versionsUnchanged()).isEqualTo(2);
        }
    }

    @Test
    void importing_a_version_number_that_holds_other_bytes_is_a_conflict() {
        Path archive = dir.resolve("x.zip");
        try (ModelRegistry a = ModelRegistry.open(dir.resolve("a"))) {
            a.versions().register("m", new byte[] {1}, ModelMetadata.of("bytes"));
            a.backups().exportAll(archive);
        }
        try (ModelRegistry b = ModelRegistry.builder(dir.resolve("b")).trustKey(keyOf(dir.resolve("a"))).open()) {
            b.versions().register("m", new byte[] {2}, ModelMetadata.of("bytes"));
            String before = RegistrySnapshot.of(b);
            assertThatThrownBy(() -> b.backups().importArchive(archive)).isInstanceOf(ConflictException.class);
            assertThat(RegistrySnapshot.of(b)).isEqualTo(before);
        }
    }

    @Test
    void export_refuses_to_overwrite_a_file() {
        try (ModelRegistry a = ModelRegistry.open(dir.resolve("a"))) {
            a.versions().register("m", new byte[] {1}, ModelMetadata.of("bytes"));
            a.backups().exportAll(dir.resolve("x.zip"));
            assertThatThrownBy(() -> a.backups().exportAll(dir.resolve("x.zip")))
                    .isInstanceOf(AlreadyExistsException.class);
        }
    }

    @Test
    void deleting_keeps_an_automatic_backup_that_restores_the_version_after_gc() {
        try (ModelRegistry a = ModelRegistry.open(dir.resolve("a"))) {
            a.versions().register("m", IntegrityTest.payload(1), ModelMetadata.of("bytes"));
            a.versions().register("m", IntegrityTest.payload(2), ModelMetadata.of("bytes"));
            a.versions().setAlias("m", "champion", 1);
            a.versions().deleteVersion("m", 1);
            assertThat(a.backups().automaticBackups()).hasSize(1);

            GcReport gc = a.gc(Duration.ZERO);
            assertThat(gc.blobsRemoved()).isEqualTo(1);

            ImportReport restored = a.backups().importArchive(a.backups().automaticBackups().get(0));
            assertThat(restored.versionsRestored()).isEqualTo(1);
            assertThat(a.models().load(ModelRef.parse("m/1")).unwrap(BytesModel.class).bytes())
                    .isEqualTo(IntegrityTest.payload(1));
            assertThat(a.verify().healthy()).isTrue();
        }
    }

    @Test
    void automatic_backups_are_pruned_to_the_retention_count() {
        try (ModelRegistry a = ModelRegistry.builder(dir.resolve("a")).backupRetention(2, Duration.ofDays(1)).open()) {
            for (int i = 1; i <= 4; i++) {
                a.versions().register("m" + i, new byte[] {(byte) i}, ModelMetadata.of("bytes"));
                a.versions().deleteModel("m" + i);
            }
            assertThat(a.backups().automaticBackups()).hasSize(2)
                    .allSatisfy(p -> assertThat(p.getFileName().toString()).containsAnyOf("-m3-", "-m4-"));
        }
    }

    /** The public key of the registry in {@code root}, as an operator would copy it from keys/ed25519.pub. */
    static java.security.PublicKey keyOf(Path root) {
        try {
            return SigningKeys.decodePublicKey(java.nio.file.Files.readString(root.resolve("keys").resolve("ed25519.pub")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
