package dev.modelregistry.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.IntegrityException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
    private static final byte[] BYTES = "the stored artifact".getBytes(StandardCharsets.UTF_8);
    private static final ArtifactInfo INFO = new ArtifactInfo(
            ArtifactDigest.ofBytes(VerifyingInputStream.sha256().digest(BYTES)), BYTES.length);

    @Test
    void intact_bytes_read_to_their_end_and_verify() throws IOException {
        try (VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BYTES), INFO)) {
            assertThat(in.readAllBytes()).isEqualTo(BYTES);
            in.drainAndVerify();
        }
    }

    @Test
    void changed_bytes_of_the_same_size_fail_at_the_end_naming_where_they_are() {
        byte[] changed = BYTES.clone();
        changed[0] ^= 1;
        assertThatThrownBy(() -> new VerifyingInputStream(new ByteArrayInputStream(changed), INFO, "object x", () -> { })
                .readAllBytes()).isInstanceOf(IntegrityException.class).hasMessageContaining("(object x) hashes to");
    }

    @Test
    void a_longer_stream_fails_as_soon_as_it_passes_the_size_and_a_shorter_at_its_end() {
        byte[] longer = new byte[BYTES.length + 1];
        System.arraycopy(BYTES, 0, longer, 0, BYTES.length);
        assertThatThrownBy(() -> new VerifyingInputStream(new ByteArrayInputStream(longer), INFO).readAllBytes())
                .isInstanceOf(IntegrityException.class).hasMessageContaining("longer than its recorded size");
        byte[] shorter = java.util.Arrays.copyOf(BYTES, BYTES.length - 1);
        assertThatThrownBy(() -> new VerifyingInputStream(new ByteArrayInputStream(shorter), INFO).readAllBytes())
                .isInstanceOf(IntegrityException.class).hasMessageContaining("truncated or corrupt");
    }

    @Test
    void skipped_bytes_are_hashed_too() {
        byte[] changed = BYTES.clone();
        changed[1] ^= 1;
        assertThatThrownBy(() -> {
            try (VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(changed), INFO)) {
                in.skip(5);
                in.drainAndVerify();
            }
        }).isInstanceOf(IntegrityException.class);
    }

    @Test
    void the_early_close_action_runs_only_when_closed_before_the_end() throws IOException {
        AtomicInteger aborted = new AtomicInteger();
        new VerifyingInputStream(new ByteArrayInputStream(BYTES), INFO, "", aborted::incrementAndGet).close();
        assertThat(aborted).hasValue(1);
        try (VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BYTES), INFO, "",
                aborted::incrementAndGet)) {
            in.drainAndVerify();
        }
        assertThat(aborted).hasValue(1);
    }
}
