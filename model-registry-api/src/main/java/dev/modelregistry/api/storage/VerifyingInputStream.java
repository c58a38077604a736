package dev.modelregistry.api.storage;

import dev.modelregistry.api.IntegrityException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * An artifact's bytes as a {@link ModelStorage} store reads them: hashes and counts bytes as they are read,
 * throws {@link IntegrityException} as soon as more bytes arrive than expected, and at the end of the stream
 * if the size or SHA-256 differ. So no reader can consume a corrupt artifact to its end without being told.
 * Stores return it from {@link ModelStorage#read} and drain it in {@link ModelStorage#verify}; it uses the JDK
 * only. Not thread-safe.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final ArtifactInfo expected;
    private final String where;
    private final Runnable onEarlyClose;
    private final MessageDigest digest = sha256();
    private long count;
    private boolean verified;

    /**
     * Verifies {@code in} against {@code expected}.
     *
     * @param in the stored bytes; closed with this stream
     * @param expected the digest and size they must have
     * @throws NullPointerException if an argument is null
     */
    public VerifyingInputStream(InputStream in, ArtifactInfo expected) {
        this(in, expected, "", () -> { });
    }

    /**
     * Verifies {@code in} against {@code expected}, naming where the bytes are in messages, and with an action
     * for a close before the end: a remote store aborts its download there rather than drain a large object
     * that a reader gave up on.
     *
     * @param in the stored bytes; closed with this stream
     * @param expected the digest and size they must have
     * @param where where the bytes are stored, for messages (such as {@code object s3://bucket/key}); empty for
     *     nothing
     * @param onEarlyClose runs when the stream is closed before it was verified to its end, before {@code in}
     *     is closed
     * @throws NullPointerException if an argument is null
     */
    public VerifyingInputStream(InputStream in, ArtifactInfo expected, String where, Runnable onEarlyClose) {
        super(Objects.requireNonNull(in, "in"));
        this.expected = Objects.requireNonNull(expected, "expected");
        this.where = Objects.requireNonNull(where, "where").isEmpty() ? "" : " (" + where + ")";
        this.onEarlyClose = Objects.requireNonNull(onEarlyClose, "onEarlyClose");
    }

    /**
     * A new SHA-256 digest, the hash that names and verifies artifacts.
     *
     * @return the digest
     */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
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

    /**
     * Reads whatever the consumer left unread, so the whole artifact is checked.
     *
     * @throws IOException if reading fails
     * @throws IntegrityException if the size or digest differ
     */
    public void drainAndVerify() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (read(buf, 0, buf.length) >= 0) {
            // keep reading: read() verifies at the end
        }
    }

    @Override
    public void close() throws IOException {
        if (!verified) {
            onEarlyClose.run();
        }
        super.close();
    }

    private void advance(int n) {
        count += n;
        if (count > expected.size()) {
            throw new IntegrityException("artifact " + expected.digest() + where + " is longer than its recorded"
                    + " size of " + expected.size() + " bytes: the stored blob is corrupt");
        }
    }

    private void finish() {
        if (verified) {
            return;
        }
        if (count != expected.size()) {
            throw new IntegrityException("artifact " + expected.digest() + where + " has " + count
                    + " bytes but its recorded size is " + expected.size()
                    + ": the stored blob is truncated or corrupt");
        }
        ArtifactDigest actual = ArtifactDigest.ofBytes(digest.digest());
        if (!actual.equals(expected.digest())) {
            throw new IntegrityException("artifact " + expected.digest() + where + " hashes to " + actual
                    + ": the stored blob is corrupt");
        }
        verified = true;
    }
}
