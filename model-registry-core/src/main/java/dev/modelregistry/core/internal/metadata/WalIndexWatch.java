package dev.modelregistry.core.internal.metadata;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the header of SQLite's WAL index (the {@code -shm} file every connection to a WAL database
 * maps), which every commit by any connection in any process rewrites: its {@code iChange} field is
 * "incremented with each transaction", and {@code mxFrame}, the salts and the checksum change with it
 * (SQLite file format, section "The WAL-Index Format"). Comparing the header with an earlier copy
 * therefore tells, in a few nanoseconds and without the database lock, whether anything committed
 * since: a header that differs, or is read halfway through a rewrite, counts as a change.
 *
 * <p>The file is mapped read-only through one channel per process and file, counted by the databases
 * that use it. That channel is closed only after the last of them has closed its connection: closing
 * any descriptor of a file drops every POSIX lock the process holds on it, SQLite's included.
 *
 * <p>Thread-safe.
 */
final class WalIndexWatch {
    private static final Logger LOG = LoggerFactory.getLogger(WalIndexWatch.class);
    /** The first copy of the header: iVersion, unused, iChange, isInit, bigEndCksum, szPage, mxFrame, nPage, aFrameCksum, aSalt, aCksum. */
    static final int HEADER_BYTES = 48;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class,
            ByteOrder.nativeOrder());
    private static final Map<Path, Shared> OPEN = new HashMap<>();

    private static final class Shared {
        final Path file;
        final FileChannel channel;
        final MappedByteBuffer header;
        int users;

        Shared(Path file, FileChannel channel, MappedByteBuffer header) {
            this.file = file;
            this.channel = channel;
            this.header = header;
        }
    }

    private final Shared shared;
    private boolean closed;

    private WalIndexWatch(Shared shared) {
        this.shared = shared;
    }

    /**
     * Maps the WAL index of a database whose connection is open (so the file exists and has its header).
     *
     * @param database the database file
     * @return the watch, or empty if the index cannot be mapped (the caller then assumes every read may
     *         follow a change)
     */
    static Optional<WalIndexWatch> open(Path database) {
        Path shm = database.resolveSibling(database.getFileName() + "-shm");
        synchronized (OPEN) {
            try {
                Path key = shm.toRealPath();
                Shared s = OPEN.get(key);
                if (s == null) {
                    FileChannel channel = FileChannel.open(key, StandardOpenOption.READ);
                    try {
                        if (channel.size() < HEADER_BYTES) {
                            channel.close(); // no lock of ours is on a file SQLite has not set up yet
                            LOG.debug("WAL index {} has no header yet; change detection falls back to the database", key);
                            return Optional.empty();
                        }
                        s = new Shared(key, channel, channel.map(FileChannel.MapMode.READ_ONLY, 0, HEADER_BYTES));
                    } catch (IOException | RuntimeException e) {
                        channel.close();
                        throw e;
                    }
                    OPEN.put(key, s);
                }
                s.users++;
                return Optional.of(new WalIndexWatch(s));
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("cannot map the WAL index {}; change detection falls back to the database", shm, e);
                return Optional.empty();
            }
        }
    }

    /** Copies the header's words that change with every commit into {@code into} (4 longs). */
    void read(long[] into) {
        // Acquire reads: a header read after another process's commit has returned sees that commit.
        into[0] = (long) LONGS.getAcquire(shared.header, 8);  // iChange, isInit, bigEndCksum, szPage
        into[1] = (long) LONGS.getAcquire(shared.header, 16); // mxFrame, nPage
        into[2] = (long) LONGS.getAcquire(shared.header, 32); // salts
        into[3] = (long) LONGS.getAcquire(shared.header, 40); // header checksum
    }

    /** The WAL's length in frames (pages) as the header says: {@code mxFrame}, 0 after a restart. */
    long frames() {
        return Integer.toUnsignedLong((int) INTS.getAcquire(shared.header, 16));
    }

    /** Whether the header still holds {@code words}, as {@link #read} copied them. */
    boolean unchanged(long[] words) {
        return words[0] == (long) LONGS.getAcquire(shared.header, 8)
                && words[1] == (long) LONGS.getAcquire(shared.header, 16)
                && words[2] == (long) LONGS.getAcquire(shared.header, 32)
                && words[3] == (long) LONGS.getAcquire(shared.header, 40);
    }

    /** Stops using the mapping; call after the database connection is closed. Idempotent. */
    void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            if (--shared.users == 0) {
                OPEN.remove(shared.file);
                try {
                    shared.channel.close();
                } catch (IOException e) {
                    LOG.debug("cannot close the WAL index {}", shared.file, e);
                }
            }
        }
    }
}
