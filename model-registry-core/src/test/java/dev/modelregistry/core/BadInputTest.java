package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.AliasNotFoundException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArchiveException;
import dev.modelregistry.api.InvalidNameException;
import dev.modelregistry.api.ModelNotFoundException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.VersionNotFoundException;
import dev.modelregistry.api.version.ModelMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input gets its specific exception and leaves the registry exactly as it was. */
class BadInputTest {
    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;
    ModelRegistry registry;

    @BeforeEach
    void open() {
        // Hand-made archives are signed with a key the registry trusts, so that each is refused for the
        // reason its test names, not for being unsigned.
        registry = ModelRegistry.builder(dir.resolve("registry")).trustKey(TestArchives.KEYS.getPublic()).open();
        registry.versions().register("good", new byte[] {1, 2, 3}, ModelMetadata.of("bytes"));
        registry.versions().register("good", new byte[] {4, 5, 6}, ModelMetadata.of("bytes"));
        registry.versions().setAlias("good", "champion", 1);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    static Stream<String> badNames() {
        return Stream.of("a/b", "a\\b", "..", "a..b", "../etc", "100%", "a\u0000b", "tab\tname", "line\nbreak", "",
                "x".repeat(256), " lead", "a b", "ünïcode", ".hidden");
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void a_bad_model_name_is_refused_before_anything_is_written(String name) {
        assertUnchanged(() -> registry.versions().register(name, new byte[] {9}, ModelMetadata.of("bytes")),
                InvalidNameException.class);
        assertUnchanged(() -> registry.versions().renameModel("good", name), InvalidNameException.class);
        assertUnchanged(() -> registry.versions().setAlias("good", name, 1), InvalidNameException.class);
        assertUnchanged(() -> registry.versions().setModelTag("good", name, "v"), InvalidNameException.class);
        assertUnchanged(() -> ModelRef.parse(name + "@x"), dev.modelregistry.api.InvalidArgumentException.class);
    }

    @Test
    void the_longest_allowed_name_is_accepted() {
        String longest = "m".repeat(255);
        assertThat(registry.versions().register(longest, new byte[] {1}, ModelMetadata.of("bytes")).model())
                .isEqualTo(longest);
    }

    @Test
    void unknown_models_versions_and_aliases_have_their_own_exceptions() {
        assertUnchanged(() -> registry.versions().get(ModelRef.parse("nope")), ModelNotFoundException.class);
        assertUnchanged(() -> registry.versions().get(ModelRef.parse("good/9")), VersionNotFoundException.class);
        assertUnchanged(() -> registry.versions().get(ModelRef.parse("good@nope")), AliasNotFoundException.class);
        assertUnchanged(() -> registry.versions().setAlias("good", "x", 9), VersionNotFoundException.class);
        assertUnchanged(() -> registry.versions().removeAlias("good", "nope"), AliasNotFoundException.class);
        assertUnchanged(() -> registry.versions().rollback("good", "nope"), AliasNotFoundException.class);
        assertUnchanged(() -> registry.versions().deleteVersion("good", 9), VersionNotFoundException.class);
        assertUnchanged(() -> registry.versions().deleteModel("nope"), ModelNotFoundException.class);
        assertUnchanged(() -> registry.models().load(ModelRef.parse("good@nope")), AliasNotFoundException.class);
    }

    @Test
    void an_archive_entry_with_dot_dot_is_refused() throws IOException {
        Path archive = zip("evil.zip", List.of("manifest.json", "../../outside.txt"));
        assertUnchanged(() -> registry.backups().importArchive(archive), InvalidArchiveException.class);
        assertThat(dir.resolve("outside.txt")).doesNotExist();
    }

    @Test
    void an_archive_entry_with_an_absolute_path_is_refused() throws IOException {
        Path archive = zip("abs.zip", List.of("manifest.json", "/tmp/absolute.txt"));
        assertUnchanged(() -> registry.backups().importArchive(archive), InvalidArchiveException.class);
    }

    @Test
    void an_archive_entry_with_a_backslash_path_is_refused() throws IOException {
        Path archive = zip("win.zip", List.of("manifest.json", "..\\..\\outside.txt"));
        assertUnchanged(() -> registry.backups().importArchive(archive), InvalidArchiveException.class);
    }

    @Test
    void a_truncated_archive_is_refused() throws IOException {
        Path archive = exportOfAnotherRegistry();
        long size = Files.size(archive);
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        assertUnchanged(() -> registry.backups().importArchive(archive), InvalidArchiveException.class);
    }

    @Test
    void an_archive_whose_artifact_does_not_match_its_digest_is_refused_and_its_blobs_removed() throws IOException {
        Path good = exportOfAnotherRegistry();
        // Rewrite the archive with the same manifest but other bytes under the blob's name.
        Path bad = elsewhere.resolve("tampered.zip");
        try (var in = new java.util.zip.ZipFile(good.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bad))) {
            for (ZipEntry e : in.stream().toList()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().startsWith("blobs/")) {
                    out.write("tampered bytes".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.getInputStream(e).transferTo(out);
                }
                out.closeEntry();
            }
        }
        assertUnchanged(() -> registry.backups().importArchive(bad), IntegrityException.class);
    }

    @Test
    void an_archive_with_an_invalid_manifest_is_refused() throws IOException {
        Path archive = TestArchives.signed(elsewhere.resolve("manifest.zip"), java.util.Map.of("manifest.json",
                ("{\"formatVersion\":1,\"createdAt\":\"2026-01-01T00:00:00Z\",\"createdBy\":\"x\","
                    + "\"models\":[{\"name\":\"../escape\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"versions\":[]}]}")
                    .getBytes(StandardCharsets.UTF_8)));
        assertUnchanged(() -> registry.backups().importArchive(archive), InvalidArchiveException.class);
    }

    @Test
    void a_file_that_is_not_an_archive_is_refused() throws IOException {
        Path archive = Files.writeString(elsewhere.resolve("plain.zip"), "not a zip at all");
        assertUnchanged(() -> registry.backups().importArchive(archive), InvalidArchiveException.class);
    }

    private Path exportOfAnotherRegistry() {
        try (ModelRegistry other = ModelRegistry.builder(elsewhere.resolve("other")).signingKey(TestArchives.KEYS).open()) {
            other.versions().register("imported", new ByteArrayInputStream(new byte[100_000]), ModelMetadata.of("bytes"));
            return other.backups().exportModel("imported", elsewhere.resolve("export.zip")).archive();
        }
    }

    private Path zip(String name, List<String> entries) throws IOException {
        Path archive = elsewhere.resolve(name);
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(entry.equals("manifest.json")
                        ? "{\"formatVersion\":1,\"createdAt\":\"2026-01-01T00:00:00Z\",\"createdBy\":\"x\",\"models\":[]}"
                                .getBytes(StandardCharsets.UTF_8)
                        : new byte[] {1, 2, 3});
                out.closeEntry();
            }
        }
        return archive;
    }

    private void assertUnchanged(ThrowingCallable call, Class<? extends Throwable> expected) {
        String before = RegistrySnapshot.of(registry);
        assertThatThrownBy(call).isInstanceOf(expected)
                .as("refused for its own reason, not for being unsigned")
                .isNotInstanceOf(dev.modelregistry.api.UntrustedArchiveException.class);
        assertThat(RegistrySnapshot.of(registry)).isEqualTo(before);
    }
}
