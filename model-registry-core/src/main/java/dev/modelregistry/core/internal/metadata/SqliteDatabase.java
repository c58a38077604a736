package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import dev.modelregistry.core.internal.io.StorageErrors;

/**
 * The registry's SQLite database: one connection per registry, guarded by a lock within this JVM;
 * across processes SQLite's own locking serialises writers ({@code BEGIN IMMEDIATE} plus a busy
 * timeout), and WAL mode lets readers go on while one process writes.
 *
 * <p>Checkpoints run off the commit path. SQLite's automatic checkpoint would run inside whichever
 * commit makes the WAL reach 1,000 pages, with {@code synchronous=FULL} fsyncs, and stall that caller
 * for tens of milliseconds. Instead, a commit that finds the WAL at 1,000 pages ({@code CHECKPOINT_PAGES}) or
 * more asks a background thread, on a second connection of its own, for a {@code PASSIVE} checkpoint,
 * which never blocks writers or readers; the next writer then restarts the WAL from its beginning. The
 * automatic checkpoint stays on at 20,000 pages ({@code WAL_BOUND_PAGES}), a bound on the WAL's size should
 * the background thread fall behind (a long reader, say). Durability is untouched: a commit is durable
 * once its frames are fsynced into the WAL, with or without a checkpoint; a crash during a checkpoint
 * is recovered by SQLite as always. What it gives up: a WAL starts over only after a checkpoint no
 * commit overtook, so under writes without pause it grows to the bound before a commit checkpoints it
 * (copying only what the background has not).
 *
 * <p>Thread-safe.
 */
public final class SqliteDatabase implements MetadataDatabase, ChangeWatch {
    /** The database file's name in the registry directory. */
    public static final String FILE_NAME = "registry.db";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

    private final Connection connection;
    /** The connection's prepared statements, reused across transactions (used under {@link #lock}). */
    private final StatementCache statements;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;
    /** Tests listen to every SQL statement run, to check their query plans. */
    private volatile Consumer<String> statementListener = sql -> { };

    /** The WAL index this connection shares with every other; null if it cannot be mapped. */
    private volatile WalIndexWatch walIndex;
    /** Commits through this object, counted after each: a second sign of change besides the WAL index. */
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    private volatile Stamp lastStamp = new Stamp(-1, new long[4]);

    /** What {@link #stamp()} saw: the commit count and the WAL index header's changing words. */
    private static final class Stamp {
        final long commits;
        final long[] header;

        Stamp(long commits, long[] header) {
            this.commits = commits;
            this.header = header;
        }
    }

    /** WAL length, in pages, at which a commit asks for a background checkpoint (SQLite's own default). */
    static final int CHECKPOINT_PAGES = 1000;
    /** WAL length at which SQLite checkpoints inside the commit after all: the bound if the background falls behind. */
    static final int WAL_BOUND_PAGES = 20_000;

    private final String url;
    private final Duration busyTimeout;
    /** Runs the background checkpoints; made on the first request. */
    private java.util.concurrent.ExecutorService checkpointer;
    private Connection checkpointConnection;
    private final java.util.concurrent.atomic.AtomicBoolean checkpointPending = new java.util.concurrent.atomic.AtomicBoolean();
    /** Background checkpoints that ran, for tests. */
    private final java.util.concurrent.atomic.AtomicLong checkpoints = new java.util.concurrent.atomic.AtomicLong();

    private SqliteDatabase(Connection connection, String url, Duration busyTimeout) {
        this.connection = connection;
        this.statements = new StatementCache(connection);
        this.url = url;
        this.busyTimeout = busyTimeout;
    }

    public static SqliteDatabase open(Path file, Duration busyTimeout) {
        return open(file, busyTimeout, tx -> null).database();
    }

    /**
     * Opens the database, brings its schema up to date and runs {@code check} in the same
     * transaction: if the check throws, the migration is rolled back with it and the connection closed.
     */
    public static <T> Opened<SqliteDatabase, T> open(Path file, Duration busyTimeout, Work<T> check) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a committed version survives power loss, not only a process crash.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        try {
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            Connection c = config.createConnection(url);
            try (var s = c.createStatement()) {
                // Per connection: this one checkpoints inside a commit only at the bound (see the class comment).
                s.execute("PRAGMA wal_autocheckpoint=" + WAL_BOUND_PAGES);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            SqliteDatabase db = new SqliteDatabase(c, url, busyTimeout);
            try {
                T checked = db.write(tx -> {
                    Migrations.migrate(tx);
                    return check.run(tx);
                });
                // After the first transaction: the WAL index exists and has its header.
                db.walIndex = WalIndexWatch.open(file.toAbsolutePath()).orElse(null);
                return new Opened<>(db, checked);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (SQLException e) {
            throw StorageErrors.sql("cannot open the registry database " + file, e);
        }
    }


    @Override
    public <T> T write(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            boolean committed = false;
            RuntimeException failure = null;
            try {
                connection.setAutoCommit(false);
                T result = work.run(new Tx(connection, statementListener, statements));
                connection.commit();
                committed = true;
                commits.incrementAndGet();
                requestCheckpointIfLong();
                return result;
            } catch (SQLException e) {
                failure = StorageErrors.sql("registry database write failed", e);
                throw failure;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
                // A failed commit (a full disk, say) leaves no transaction: resetting may fail too, and
                // that follow-up error must not hide the real one.
                resetAutoCommit(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T read(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            try {
                statements.statement("BEGIN DEFERRED").execute();
                try {
                    return work.run(new Tx(connection, statementListener, statements));
                } finally {
                    statements.statement("ROLLBACK").execute();
                }
            } catch (SQLException e) {
                throw StorageErrors.sql("registry database read failed", e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** After a commit: asks for a background checkpoint if the WAL has reached {@link #CHECKPOINT_PAGES}. */
    private void requestCheckpointIfLong() {
        WalIndexWatch wal = walIndex;
        // Without the WAL index, every 100th commit asks (a checkpoint of a short WAL is cheap).
        boolean due = wal != null ? wal.frames() >= CHECKPOINT_PAGES : commits.get() % 100 == 0;
        if (!due || !checkpointPending.compareAndSet(false, true)) {
            return;
        }
        if (checkpointer == null) { // under the write lock
            checkpointer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "model-registry-checkpoint");
                t.setDaemon(true);
                return t;
            });
        }
        try {
            checkpointer.execute(this::checkpoint);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            checkpointPending.set(false); // closing
        }
    }

    /** On the checkpoint thread: one PASSIVE checkpoint on the checkpoint connection. */
    private void checkpoint() {
        try {
            if (closed) {
                return;
            }
            if (checkpointConnection == null) {
                SQLiteConfig config = new SQLiteConfig();
                config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
                checkpointConnection = config.createConnection(url);
            }
            try (var s = checkpointConnection.createStatement(); var rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                if (rs.next()) {
                    LOG.debug("background checkpoint: busy={} wal pages={} checkpointed={}", rs.getInt(1), rs.getInt(2),
                            rs.getInt(3));
                }
            }
            checkpoints.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            // Nothing is lost: the WAL keeps every commit, and the next request (or SQLite's bound) tries again.
            LOG.warn("background WAL checkpoint failed: {}", e.getMessage());
        } finally {
            checkpointPending.set(false);
        }
    }

    /** How many prepared statements the connection keeps (tests). */
    int cachedStatements() {
        lock.lock();
        try {
            return statements.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many background checkpoints have run (tests). */
    long backgroundCheckpoints() {
        return checkpoints.get();
    }

    @Override
    public ChangeWatch changes() {
        return walIndex == null ? ChangeWatch.ALWAYS_CHANGED : this;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: a new stamp when this object committed, or when the WAL index header, which every commit
     * by any connection rewrites, differs from the one the current stamp saw. Costs four acquire reads
     * of shared memory when nothing changed; takes no lock.
     */
    @Override
    public Object stamp() {
        WalIndexWatch wal = walIndex;
        if (wal == null) {
            return new Object();
        }
        Stamp s = lastStamp;
        if (s.commits == commits.get() && wal.unchanged(s.header)) {
            return s;
        }
        long[] header = new long[4];
        long count = commits.get(); // first the count, then the header: a commit in between only makes the next stamp new
        wal.read(header);
        Stamp fresh = new Stamp(count, header);
        lastStamp = fresh;
        return fresh;
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public void onStatement(Consumer<String> listener) {
        this.statementListener = listener;
    }

    private void ensureOpen() {
        if (closed) {
            throw new RegistryClosedException("the registry is closed");
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed (nothing to roll back?)", e);
        }
    }

    private void resetAutoCommit(RuntimeException failure) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
                return;
            }
            throw StorageErrors.sql("cannot reset the database connection", e);
        }
    }

    /** SQLite's own check of every page and index ({@code PRAGMA integrity_check}). */
    @Override
    public java.util.List<String> integrityProblems() {
        return read(tx -> {
            java.util.List<String> rows = tx.query("PRAGMA integrity_check", rs -> rs.getString(1));
            return rows.size() == 1 && rows.get(0).equals("ok") ? java.util.List.of() : rows;
        });
    }

    /** Waits for a checkpoint in progress and closes the checkpoint connection. */
    private void stopCheckpointer() {
        if (checkpointer == null) {
            return;
        }
        checkpointer.shutdown();
        try {
            if (!checkpointer.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                LOG.warn("background WAL checkpoint still running at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (checkpointConnection != null) {
            try {
                checkpointConnection.close();
            } catch (SQLException e) {
                LOG.debug("cannot close the checkpoint connection", e);
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    stopCheckpointer();
                    statements.close();
                    connection.close();
                } finally {
                    // Only after the connection: closing our descriptor of the -shm file drops the process's locks on it.
                    WalIndexWatch wal = walIndex;
                    walIndex = null;
                    if (wal != null) {
                        wal.close();
                    }
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot close the registry database: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
