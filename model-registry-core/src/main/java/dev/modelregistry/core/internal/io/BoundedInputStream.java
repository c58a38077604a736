package dev.modelregistry.core.internal.io;

import dev.modelregistry.api.InvalidArchiveException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code limit} bytes through and refuses the first byte beyond it, so that an
 * archive entry that holds more than it declares (a zip bomb, say) is stopped as soon as it
 * exceeds its declaration, not after it has filled the disk. Does not close the stream it wraps.
 */
public final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private final String what;
    private long count;

    public BoundedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        // Ask for one byte more than allowed, so that exceeding the limit is seen, never swallowed.
        int ask = (int) Math.min(len, limit - count + 1);
        int n = super.read(b, off, Math.max(ask, 1));
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new InvalidArchiveException(what + " holds more than the " + limit
                        + " bytes it declares; refused before storing more");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
    }

    @Override
    public void close() {
        // the caller owns the wrapped stream
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
