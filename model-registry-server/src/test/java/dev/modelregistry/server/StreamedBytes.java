package dev.modelregistry.server;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/** Bytes for streaming tests, generated and hashed as they flow so that no test holds an artifact whole. */
final class StreamedBytes {
    private StreamedBytes() {
    }

    static byte[] digestOf(InputStream in) throws IOException {
        MessageDigest md = Fixture.digest();
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return md.digest();
    }

    static long usedHeapAfterGc() {
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
