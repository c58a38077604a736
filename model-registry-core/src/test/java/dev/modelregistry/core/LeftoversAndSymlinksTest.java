package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.version.ModelMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.internal.io.Sha256;
import dev.modelregistry.core.internal.blobs.FileSystemModelStorage;
import dev.modelregistry.core.internal.archive.ExportJournal;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.maintenance.Finding;

/** Crash leftovers are found and removed; links planted under the root are refused or reported. */
class LeftoversAndSymlinksTest {
    @TempDir
    Path dir;

    @Test
    void gc_removes_stale_backup_temp_files_and_unfinished_exports_and_verify_reports_them() throws IOException {
        Path root = dir.resolve("registry");
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            registry.versions().register("m", "x".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            // What a process killed in the middle of an automatic backup and of an export leaves behind.
            Path backupTemp = Files.createDirectories(root.resolve("backups")).resolve("b.zip.1234.tmp");
            Files.writeString(backupTemp, "half a backup");
            Path outside = Files.createDirectories(dir.resolve("elsewhere"));
            ExportJournal journal = new ExportJournal(root.resolve("tmp").resolve("exports"));
            ExportJournal.Started started = journal.begin(outside.resolve("nightly.zip"));
            Files.writeString(started.temp(), "half an export");
            Path unrelated = Files.writeString(outside.resolve("nightly.zip.keep.tmp"), "not ours");
            old(backupTemp, started.temp(), started.journal());

            assertThat(registry.verify().findings(Finding.Kind.LEFTOVER_TEMP)).extracting(Finding::subject)
                    .contains(backupTemp.toString(), started.temp().toString());
            GcReport gc = registry.gc();
            assertThat(gc.tempFilesRemoved()).isEqualTo(2);
            assertThat(backupTemp).doesNotExist();
            assertThat(started.temp()).doesNotExist();
            assertThat(started.journal()).doesNotExist();
            assertThat(unrelated).exists();
            assertThat(registry.verify().findings(Finding.Kind.LEFTOVER_TEMP)).isEmpty();
        }
    }

    @Test
    void a_finished_export_leaves_no_temp_file_and_no_journal_entry() throws IOException {
        Path root = dir.resolve("registry");
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            registry.versions().register("m", "x".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            registry.backups().exportModel("m", dir.resolve("out").resolve("m.zip"));
        }
        try (Stream<Path> out = Files.list(dir.resolve("out"));
                Stream<Path> journal = Files.list(root.resolve("tmp").resolve("exports"))) {
            assertThat(out).containsExactly(dir.resolve("out").resolve("m.zip"));
            assertThat(journal).isEmpty();
        }
    }

    @Test
    void a_planted_journal_entry_cannot_make_gc_delete_another_file() throws IOException {
        Path root = dir.resolve("registry");
        Path victim = Files.writeString(dir.resolve("precious.txt"), "keep me");
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            Path entry = root.resolve("tmp").resolve("exports").resolve(java.util.UUID.randomUUID() + ".export");
            Files.createDirectories(entry.getParent());
            Files.writeString(entry, victim.toString());
            old(entry);
            registry.gc();
            assertThat(victim).hasContent("keep me");
            assertThat(entry).doesNotExist();
        }
    }

    @Test
    @Timeout(180)
    void gc_tolerates_temp_files_that_vanish_while_it_lists_them() throws Exception {
        Path root = dir.resolve("registry");
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            Thread churn = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    Path p = root.resolve("tmp").resolve("churn-" + i + ".tmp");
                    try {
                        Files.writeString(p, "x");
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            churn.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (churn.isAlive()) {
                assertThat(System.nanoTime()).as("the churn of 20,000 temp files ends within 120 s")
                        .isLessThan(deadline);
                registry.gc(Duration.ofDays(1));
                registry.verify();
            }
            churn.join();
        }
    }

    @Test
    void symbolic_links_planted_where_the_registry_writes_are_refused_at_open() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        for (String planted : new String[] {"tmp", "backups", "registry.db", "blobs/sha256"}) {
            Path root = dir.resolve("r-" + planted.replace('/', '-'));
            Files.createDirectories(root.resolve(planted).getParent());
            Files.createSymbolicLink(root.resolve(planted), outside);
            assertThatThrownBy(() -> ModelRegistry.open(root)).as(planted).isInstanceOf(StorageException.class)
                    .hasMessageContaining("symbolic link");
        }
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).as("nothing was written through a link").isEmpty();
        }
    }

    @Test
    void a_linked_blob_shard_is_refused_on_write_and_reported_by_verify() throws IOException {
        Path root = dir.resolve("registry");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
        String shard = dev.modelregistry.api.storage.ArtifactDigest.ofBytes(
                Sha256.newDigest().digest(bytes)).hex().substring(0, 2);
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            Files.createSymbolicLink(root.resolve("blobs").resolve("sha256").resolve(shard), outside);
            assertThatThrownBy(() -> registry.versions().register("m", bytes, ModelMetadata.of("bytes")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("symbolic link");
            assertThat(registry.versions().models()).isEmpty();
            VerifyReport report = registry.verify();
            assertThat(report.healthy()).isFalse();
            assertThat(report.findings(Finding.Kind.SYMLINK)).hasSize(1);
        }
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void the_blob_directory_may_be_a_link_when_asked_for() throws IOException {
        Path root = Files.createDirectories(dir.resolve("registry"));
        Path otherDisk = Files.createDirectories(dir.resolve("other-disk"));
        Files.createSymbolicLink(root.resolve("blobs"), otherDisk);
        assertThatThrownBy(() -> ModelRegistry.open(root)).isInstanceOf(StorageException.class);
        try (ModelRegistry registry = ModelRegistry.builder(root).allowLinkedBlobDirectory().open()) {
            registry.versions().register("m", "x".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            assertThat(registry.verify().healthy()).isTrue();
        }
        try (Stream<Path> s = Files.walk(otherDisk)) {
            assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(2); // the blob and the identity marker
        }
    }

    @Test
    void a_blob_replaced_by_a_directory_is_reported_not_thrown() throws IOException {
        Path root = dir.resolve("registry");
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            var v = registry.versions().register("m", "x".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            Path blob = ((FileSystemModelStorage) registry.storage()).blobPath(v.artifact().digest());
            Files.delete(blob);
            Files.createDirectory(blob);
            VerifyReport report = registry.verify();
            assertThat(report.healthy()).isFalse();
            assertThat(report.findings(Finding.Kind.UNREADABLE_BLOB).size()
                    + report.findings(Finding.Kind.MISSING_BLOB).size()).isEqualTo(1);
        }
    }

    private static void old(Path... files) throws IOException {
        for (Path f : files) {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        }
    }
}
