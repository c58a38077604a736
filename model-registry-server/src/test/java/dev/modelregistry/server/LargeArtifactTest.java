package dev.modelregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.server.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 256 MiB artifact up and down through the server in a JVM with a 128 MiB heap (surefire's argLine), so
 * buffering it whole anywhere (client, Javalin, registry) would fail with OutOfMemoryError. The bytes are
 * generated and hashed on the fly on both sides, never held.
 */
class LargeArtifactTest {
    private static final long SIZE = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void a_256_mib_artifact_goes_up_and_down_streamed_with_the_heap_stable() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(maxHeap).as("this test needs a heap smaller than the artifact").isLessThan(SIZE);
        String expected = HexFormat.of().formatHex(digestOf(new PatternStream(SIZE)));
        try (Fixture f = new Fixture(dir)) {
            Http writer = f.as(Role.WRITER);
            long heapBefore = usedHeapAfterGc();
            HttpResponse<String> created = writer.send(writer.request("api/v1/models/big/versions?format=bytes")
                    .header("X-Content-SHA256", expected)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(SIZE))).build());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).contains("\"size\":" + SIZE);

            HttpResponse<InputStream> download = writer.send(writer.request("api/v1/models/big/versions/1/artifact")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("X-Content-SHA256")).hasValue(expected);
            long[] count = new long[1];
            byte[] digest;
            try (InputStream in = download.body()) {
                digest = digestOf(new java.io.FilterInputStream(in) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            count[0] += n;
                        }
                        return n;
                    }
                });
            }
            assertThat(count[0]).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(digest)).isEqualTo(expected);
            long heapAfter = usedHeapAfterGc();
            System.out.printf("256 MiB round trip: max heap %d MiB, used after GC before %d MiB, after %d MiB%n",
                    maxHeap >> 20, heapBefore >> 20, heapAfter >> 20);
            assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(32L << 20);
        }
    }

    static byte[] digestOf(InputStream in) throws IOException {
        MessageDigest md = Fixture.digest();
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return md.digest();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Deterministic pseudo-random bytes of a given length, generated as read. */
    static final class PatternStream extends InputStream {
        private final long size;
        private long position;
        private long state = 0x9E3779B97F4A7C15L;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            position += n;
            return n;
        }
    }
}
