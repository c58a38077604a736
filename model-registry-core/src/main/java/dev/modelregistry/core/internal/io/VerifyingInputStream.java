package dev.modelregistry.core.internal.io;

import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes and counts bytes as they are read and throws {@link IntegrityException} as soon as more
 * bytes arrive than expected, and at the end of the stream if the size or SHA-256 differ. So no
 * reader can consume a corrupt artifact to its end without being told. Not thread-safe.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final ArtifactInfo expected;
    private final MessageDigest digest = Sha256.newDigest();
    private long count;
    private boolean verified;

    public VerifyingInputStream(InputStream in, ArtifactInfo expected) {
        super(in);
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            finish();
        } else {
            digest.update((byte) b);
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            finish();
        } else {
            digest.update(buf, off, n);
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed.
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // Not supported: a reset would break the running digest.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported on a verifying stream");
    }

    /** Reads whatever the consumer left unread, so the whole artifact is checked. */
    public void drainAndVerify() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (read(buf, 0, buf.length) >= 0) {
            // keep reading: read() verifies at the end
        }
    }

    private void advance(int n) {
        count += n;
        if (count > expected.size()) {
            throw new IntegrityException("artifact " + expected.digest() + " is longer than its recorded size of "
                    + expected.size() + " bytes: the stored blob is corrupt");
        }
    }

    private void finish() {
        if (verified) {
            return;
        }
        if (count != expected.size()) {
            throw new IntegrityException("artifact " + expected.digest() + " has " + count
                    + " bytes but its recorded size is " + expected.size() + ": the stored blob is truncated or corrupt");
        }
        ArtifactDigest actual = ArtifactDigest.ofBytes(digest.digest());
        if (!actual.equals(expected.digest())) {
            throw new IntegrityException("artifact " + expected.digest() + " hashes to " + actual
                    + ": the stored blob is corrupt");
        }
        verified = true;
    }
}
