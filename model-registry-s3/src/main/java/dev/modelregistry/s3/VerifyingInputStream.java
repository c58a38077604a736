package dev.modelregistry.s3;

import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import software.amazon.awssdk.http.Abortable;

/**
 * Hashes and counts the bytes of an object as they are read, and throws {@link IntegrityException} as soon as
 * more bytes arrive than expected and at the end of the stream if the size or the SHA-256 differ. No reader
 * can consume a wrong object to its end without being told. The same semantics as core's stream of that
 * name, written again here because this module depends on the api only. Not thread-safe.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final ArtifactInfo expected;
    private final String where;
    private final MessageDigest digest = sha256();
    private long count;
    private boolean verified;

    /**
     * @param in the object's bytes
     * @param expected the digest and size they must have
     * @param where the object's key, for messages
     */
    VerifyingInputStream(InputStream in, ArtifactInfo expected, String where) {
        super(in);
        this.expected = expected;
        this.where = where;
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

    /** A new SHA-256 digest: names and verifies artifacts. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    /**
     * Closes the object's stream. One closed before its end is aborted rather than drained: a reader that
     * stops early (a failed decode) does not download the rest of a large object.
     */
    @Override
    public void close() throws IOException {
        if (!verified && in instanceof Abortable a) {
            a.abort();
        }
        super.close();
    }

    /** Reads whatever the consumer left unread, so the whole object is checked. */
    void drainAndVerify() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (read(buf, 0, buf.length) >= 0) {
            // keep reading: read() verifies at the end
        }
    }

    private void advance(int n) {
        count += n;
        if (count > expected.size()) {
            throw new IntegrityException("artifact " + expected.digest() + " (object " + where
                    + ") is longer than its recorded size of " + expected.size() + " bytes: the stored object is corrupt");
        }
    }

    private void finish() {
        if (verified) {
            return;
        }
        if (count != expected.size()) {
            throw new IntegrityException("artifact " + expected.digest() + " (object " + where + ") has " + count
                    + " bytes but its recorded size is " + expected.size()
                    + ": the stored object is truncated or corrupt");
        }
        ArtifactDigest actual = ArtifactDigest.ofBytes(digest.digest());
        if (!actual.equals(expected.digest())) {
            throw new IntegrityException("artifact " + expected.digest() + " (object " + where + ") hashes to "
                    + actual + ": the stored object is corrupt");
        }
        verified = true;
    }
}
