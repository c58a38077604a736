package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 4095, 65_536, 65_537, 1_000_003, 64L * 1024 * 1024})
    void bytes_out_equal_bytes_in_streamed_with_the_digest_recorded(long size) throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            ModelVersion v = registry.versions().register("blob", new PatternInputStream(size, size),
                    ModelMetadata.of("bytes"));

            assertThat(v.artifact().size()).isEqualTo(size);
            assertThat(v.artifact().digest()).isEqualTo(independentSha256(new PatternInputStream(size, size)));
            try (InputStream stored = registry.models().openArtifact(v.ref());
                    InputStream expected = new PatternInputStream(size, size)) {
                assertSameStream(stored, expected);
            }
        }
    }

    private static ArtifactDigest independentSha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(OutputStreamSink.INSTANCE);
        }
        return ArtifactDigest.ofBytes(md.digest());
    }

    /** Compares two streams chunk by chunk, so a 64 MiB artifact never sits in memory. */
    private static void assertSameStream(InputStream actual, InputStream expected) throws IOException {
        byte[] a = new byte[64 * 1024];
        byte[] e = new byte[64 * 1024];
        long offset = 0;
        while (true) {
            int na = actual.readNBytes(a, 0, a.length);
            int ne = expected.readNBytes(e, 0, e.length);
            assertThat(na).as("chunk length at offset %d", offset).isEqualTo(ne);
            if (na == 0) {
                return;
            }
            for (int i = 0; i < na; i++) {
                if (a[i] != e[i]) {
                    throw new AssertionError("bytes differ at offset " + (offset + i));
                }
            }
            offset += na;
        }
    }

    /** Discards bytes. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
