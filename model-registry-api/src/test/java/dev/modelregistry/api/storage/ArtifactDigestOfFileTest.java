package dev.modelregistry.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactDigestOfFileTest {
    @TempDir
    Path dir;

    @Test
    void a_files_digest_is_the_sha256_of_its_bytes() throws IOException {
        Path abc = Files.writeString(dir.resolve("abc"), "abc");
        Path big = Files.write(dir.resolve("big"), new byte[200_000]);

        assertThat(ArtifactDigest.ofFile(abc).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // More than one 64 KiB buffer: every read counts, not only the first or the last.
        assertThat(ArtifactDigest.ofFile(big).hex()).isEqualTo(sha256OfZeros(200_000));
    }

    @Test
    void a_missing_file_is_a_storage_error_naming_it() {
        assertThatThrownBy(() -> ArtifactDigest.ofFile(dir.resolve("missing.zip")))
                .isInstanceOf(StorageException.class).hasMessageContaining("missing.zip");
    }

    private static String sha256OfZeros(int n) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(new byte[n]));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
