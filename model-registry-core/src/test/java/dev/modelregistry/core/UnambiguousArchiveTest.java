package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArchiveException;
import dev.modelregistry.api.version.ModelMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.internal.archive.ArchiveSignature;
import dev.modelregistry.api.archive.ArchiveLimits;

/**
 * An archive must mean one thing: every ambiguous, inconsistent or oversized archive is refused
 * before anything is written, and the registry stays byte for byte as it was.
 */
class UnambiguousArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ModelRegistry target;
    String before;
    /** Entries of a real export of m/1 and m/2, in order. */
    Map<String, byte[]> entries;

    @BeforeEach
    void setUp() throws IOException {
        try (ModelRegistry source = ModelRegistry.builder(dir.resolve("source")).signingKey(TestArchives.KEYS).open()) {
            source.versions().register("m", "one".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            source.versions().register("m", "two".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            source.backups().exportModel("m", dir.resolve("real.zip"));
        }
        entries = TestArchives.read(dir.resolve("real.zip"));
        entries.remove(ArchiveSignature.ENTRY); // each test signs what it writes
        target = ModelRegistry.builder(dir.resolve("target")).trustKey(TestArchives.KEYS.getPublic()).open();
        target.versions().register("other", "kept".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
        before = RegistrySnapshot.of(target);
    }

    @AfterEach
    void unchanged() {
        assertThat(RegistrySnapshot.of(target)).as("the registry is byte for byte as it was").isEqualTo(before);
        target.close();
    }

    @Test
    void the_real_archive_imports() {
        // The control: everything below differs from this archive in one way only.
        target.backups().importArchive(write("control.zip", entries));
        before = RegistrySnapshot.of(target);
    }

    @Test
    void two_manifest_entries_are_refused() throws IOException {
        Map<String, byte[]> twice = new LinkedHashMap<>();
        twice.put("manifesX.json", withVersionTwiceManifest());
        entries.forEach((k, v) -> twice.putIfAbsent(k, v));
        Path zip = write("two-manifests.zip", twice);
        // Rename the second entry to manifest.json in both headers: a valid zip holding the name twice.
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, replaceAll(bytes, "manifesX.json", "manifest.json"));
        assertThatThrownBy(() -> target.backups().importArchive(zip)).isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining("two entries named 'manifest.json'");
    }

    @Test
    void a_local_header_that_disagrees_with_the_central_directory_is_refused() throws IOException {
        String blob = entries.keySet().stream().filter(n -> n.startsWith("blobs/")).findFirst().orElseThrow();
        String other = "blobs/sha256/" + "0".repeat(64);
        Path zip = write("split.zip", entries);
        byte[] bytes = Files.readAllBytes(zip);
        // Only the first occurrence of the name (the local header) changes; the central directory keeps it.
        Files.write(zip, replaceFirst(bytes, blob, other));
        assertThatThrownBy(() -> target.backups().importArchive(zip)).isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining("central directory");
    }

    @Test
    void a_version_listed_twice_with_different_bytes_is_refused() throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>(entries);
        e.put("manifest.json", withVersionTwiceManifest());
        assertThatThrownBy(() -> target.backups().importArchive(write("twice.zip", e)))
                .isInstanceOf(InvalidArchiveException.class).hasMessageContaining("lists m/1 twice");
    }

    @Test
    void a_model_listed_twice_is_refused() throws IOException {
        ObjectNode manifest = manifest();
        ArrayNode models = (ArrayNode) manifest.get("models");
        models.add(models.get(0).deepCopy());
        Map<String, byte[]> e = new LinkedHashMap<>(entries);
        e.put("manifest.json", JSON.writeValueAsBytes(manifest));
        assertThatThrownBy(() -> target.backups().importArchive(write("model-twice.zip", e)))
                .isInstanceOf(InvalidArchiveException.class).hasMessageContaining("lists model 'm' twice");
    }

    @Test
    void an_entry_the_manifest_does_not_list_is_refused() {
        Map<String, byte[]> e = new LinkedHashMap<>(entries);
        byte[] extra = "smuggled".getBytes(StandardCharsets.UTF_8);
        e.put("blobs/sha256/" + sha256(extra), extra);
        assertThatThrownBy(() -> target.backups().importArchive(write("extra.zip", e)))
                .isInstanceOf(InvalidArchiveException.class).hasMessageContaining("listed by no version");
    }

    @Test
    void an_artifact_that_does_not_match_its_digest_is_refused() {
        Map<String, byte[]> e = new LinkedHashMap<>(entries);
        String blob = e.keySet().stream().filter(n -> n.startsWith("blobs/")).findFirst().orElseThrow();
        e.put(blob, "owt".getBytes(StandardCharsets.UTF_8)); // same size, other bytes
        assertThatThrownBy(() -> target.backups().importArchive(write("swapped.zip", e)))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("hashing to");
    }

    @Test
    void an_entry_larger_than_declared_is_stopped_at_its_declared_size() throws IOException {
        // A zip bomb: 64 MiB of zeros compress to a few kilobytes; the manifest declares 100 bytes.
        byte[] bomb = new byte[64 * 1024 * 1024];
        String hex = sha256(bomb);
        ObjectNode manifest = manifest();
        ObjectNode version = (ObjectNode) manifest.get("models").get(0).get("versions").get(0);
        version.put("digest", hex).put("size", 100);
        ((ArrayNode) manifest.get("models").get(0).get("versions")).remove(1);
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("manifest.json", JSON.writeValueAsBytes(manifest));
        e.put("blobs/sha256/" + hex, bomb);
        Path zip = write("bomb.zip", e);
        assertThat(Files.size(zip)).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> target.backups().importArchive(zip)).isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining("holds more than the 100 bytes it declares");
    }

    @Test
    void declared_sizes_above_the_configured_limit_are_refused_before_reading() throws IOException {
        target.close();
        target = ModelRegistry.builder(dir.resolve("target")).trustKey(TestArchives.KEYS.getPublic())
                .archiveLimits(new ArchiveLimits(1 << 20, 2, 100)).open();
        assertThatThrownBy(() -> target.backups().importArchive(write("big.zip", entries)))
                .isInstanceOf(InvalidArchiveException.class).hasMessageContaining("at most 2 are allowed");
    }

    @Test
    void version_numbers_near_the_int_limit_are_refused() throws IOException {
        for (long number : new long[] {2_147_483_646L, 2_147_483_647L, 2_000_000_001L}) {
            ObjectNode manifest = manifest();
            ((ObjectNode) manifest.get("models").get(0).get("versions").get(1)).put("number", number);
            ((ObjectNode) manifest.get("models").get(0)).putObject("aliases");
            Map<String, byte[]> e = new LinkedHashMap<>(entries);
            e.put("manifest.json", JSON.writeValueAsBytes(manifest));
            assertThatThrownBy(() -> target.backups().importArchive(write("n" + number + ".zip", e)))
                    .isInstanceOf(InvalidArchiveException.class).hasMessageContaining("are refused");
        }
    }

    private ObjectNode manifest() throws IOException {
        return (ObjectNode) JSON.readTree(entries.get("manifest.json"));
    }

    private byte[] withVersionTwiceManifest() throws IOException {
        ObjectNode manifest = manifest();
        JsonNode versions = manifest.get("models").get(0).get("versions");
        ((ObjectNode) versions.get(1)).put("number", 1);
        ((ObjectNode) manifest.get("models").get(0)).putObject("aliases");
        return JSON.writeValueAsBytes(manifest);
    }

    private Path write(String name, Map<String, byte[]> content) {
        return TestArchives.signed(dir.resolve(name), content);
    }

    private static byte[] replaceAll(byte[] bytes, String from, String to) {
        byte[] out = bytes.clone();
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        int found = 0;
        for (int i = 0; i + f.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(to.getBytes(StandardCharsets.UTF_8), 0, out, i, f.length);
                found++;
            }
        }
        assertThat(found).isEqualTo(2);
        return out;
    }

    private static byte[] replaceFirst(byte[] bytes, String from, String to) {
        byte[] out = bytes.clone();
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + f.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(to.getBytes(StandardCharsets.UTF_8), 0, out, i, f.length);
                return out;
            }
        }
        throw new AssertionError(from + " not found");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
