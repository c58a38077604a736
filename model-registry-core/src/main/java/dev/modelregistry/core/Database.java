package dev.modelregistry.core;

import dev.modelregistry.api.ModelRegistryException;
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

/**
 * The registry's SQLite database: one connection per registry, guarded by a lock within this JVM;
 * across processes SQLite's own locking serialises writers ({@code BEGIN IMMEDIATE} plus a busy
 * timeout), and WAL mode lets readers go on while one process writes.
 *
 * <p>Thread-safe.
 */
final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;
    /** Tests listen to every SQL statement run, to check their query plans. */
    private volatile Consumer<String> statementListener = sql -> { };

    private Database(Connection connection) {
        this.connection = connection;
    }

    static Database open(Path file, Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a committed version survives power loss, not only a process crash.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        try {
            Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            Database db = new Database(c);
            db.write(Migrations::migrate);
            return db;
        } catch (SQLException e) {
            throw new StorageException("cannot open the registry database " + file + ": " + e.getMessage(), e);
        }
    }

    /** A unit of work inside a transaction (or a read). */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /**
     * Runs work in one write transaction: all of it commits, or none of it does.
     * Library exceptions thrown by the work roll back and pass through unchanged.
     */
    <T> T write(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            boolean committed = false;
            try {
                connection.setAutoCommit(false);
                T result = work.run(new Tx(connection, statementListener));
                connection.commit();
                committed = true;
                return result;
            } catch (SQLException e) {
                throw new StorageException("registry database write failed: " + e.getMessage(), e);
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
                resetAutoCommit();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs read-only work in a deferred transaction, so that several queries see one snapshot
     * without taking the write lock that other processes may be waiting for.
     */
    <T> T read(Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            try (var s = connection.createStatement()) {
                s.execute("BEGIN DEFERRED");
                try {
                    return work.run(new Tx(connection, statementListener));
                } finally {
                    s.execute("ROLLBACK");
                }
            } catch (SQLException e) {
                throw new StorageException("registry database read failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    void onStatement(Consumer<String> listener) {
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

    private void resetAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new ModelRegistryException("cannot reset the database connection: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot close the registry database: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
