package dev.modelregistry.core.internal.metadata;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.RegistryStateException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.core.internal.io.StorageErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's metadata in PostgreSQL (14 or newer), shared by every host that opens it: a HikariCP pool
 * of connections, the schema migrated by Flyway.
 *
 * <p>The {@link MetadataDatabase} contract on many hosts:
 * <ul>
 *   <li>A write transaction first takes one transaction-scoped advisory lock, the same for every writer of
 *       the registry ({@code pg_advisory_xact_lock}), so write transactions run one at a time across all
 *       hosts, as SQLite's write lock makes them run on one. Version numbers, alias moves and audit rows are
 *       therefore never interleaved, and gc's reference check and a registration's publish exclude each
 *       other exactly as on SQLite. Statements then run at READ COMMITTED: holding the lock, they see every
 *       write committed before it.</li>
 *   <li>A read runs in a REPEATABLE READ, read-only transaction: one snapshot, never blocking writers.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class PostgresDatabase implements MetadataDatabase {
    /** Where the migrations live on the class path. */
    static final String MIGRATIONS = "classpath:dev/modelregistry/core/internal/metadata/postgresql";
    /** The advisory lock key of the registry's writers: "mregistr" in ASCII. */
    static final long WRITE_LOCK = 0x6d72656769737472L;
    /** The channel on which a committed deployment change is announced, its payload the environment. */
    static final String DEPLOYMENT_CHANNEL = "model_registry_deployments";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    private final HikariDataSource pool;
    private final HikariConfig config;
    private volatile boolean closed;
    private volatile Consumer<String> statementListener = sql -> { };

    private PostgresDatabase(HikariDataSource pool, HikariConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * Connects, brings the schema up to date, and runs {@code check} in a write transaction after it.
     * The migration itself is Flyway's, under its own lock, so that hosts starting at once migrate once.
     *
     * @param url the JDBC URL ({@code jdbc:postgresql://host:port/database}, options allowed)
     * @param user the user, or empty to take it from the URL
     * @param password the password, or empty
     * @param poolSize the most connections this process keeps open
     * @param beforeMigrate runs on the unmigrated database, to refuse a lost one before anything is created
     * @param check runs after the migration; if it throws, the pool is closed and the error passes on
     * @param <T> the check's result
     * @return the open database with the check's result
     */
    public static <T> Opened<PostgresDatabase, T> open(String url, String user, String password, int poolSize,
            Work<Void> beforeMigrate, Work<T> check) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setPoolName("model-registry-postgres");
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        PostgresDatabase db = new PostgresDatabase(pool, config);
        try {
            db.write(beforeMigrate);
            migrate(pool);
            return new Opened<>(db, db.write(check));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static void migrate(HikariDataSource pool) {
        try {
            Flyway flyway = Flyway.configure(PostgresDatabase.class.getClassLoader()).dataSource(pool)
                    .locations(MIGRATIONS).table("model_registry_schema_history")
                    // A schema with tables but no history is not ours to adopt: refuse rather than guess.
                    .baselineOnMigrate(false)
                    // A database migrated by a newer library (an applied version this one does not know) is
                    // refused rather than misread; Flyway's default would ignore it.
                    .ignoreMigrationPatterns("")
                    .load();
            int applied = flyway.migrate().migrationsExecuted;
            if (applied > 0) {
                LOG.info("migrated the registry's PostgreSQL schema ({} step(s))", applied);
            }
        } catch (FlywayException e) {
            throw new RegistryStateException("cannot bring the registry's PostgreSQL schema up to date: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public <T> T write(Work<T> work) {
        ensureOpen();
        try (Connection c = pool.getConnection()) {
            boolean committed = false;
            try {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
                }
                T result = work.run(new Tx(c, statementListener));
                c.commit();
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StorageErrors.sql("registry database write failed", e);
        }
    }

    @Override
    public <T> T read(Work<T> work) {
        ensureOpen();
        try (Connection c = pool.getConnection()) {
            try {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                return work.run(new Tx(c, statementListener));
            } finally {
                rollbackQuietly(c);
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StorageErrors.sql("registry database read failed", e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }

    /**
     * PostgreSQL has no full check of its pages that a client may run; what it does report is the number of
     * data-checksum failures it has met in this database (when checksums are on), and that is reported.
     */
    @Override
    public List<String> integrityProblems() {
        return read(tx -> tx.queryOne("SELECT checksum_failures FROM pg_stat_database"
                + " WHERE datname = current_database()", rs -> rs.getLong(1)).filter(n -> n > 0)
                .map(n -> List.of("PostgreSQL met " + n + " data checksum failure(s) in this database"))
                .orElse(List.of()));
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    /**
     * Always changed: another host's commit leaves no trace here that could be read without a round trip
     * to the server, and a cached resolution must never outlive the commit that moved an alias or deleted a
     * version. So a cached load resolves its reference with one indexed query; the model itself stays
     * cached. (LISTEN/NOTIFY could save that query, at the price of a short window after a commit on
     * another host in which the old resolution would still be served.)
     */
    @Override
    public ChangeWatch changes() {
        return ChangeWatch.ALWAYS_CHANGED;
    }

    /**
     * Listens on a channel with a connection of its own, outside the pool (a pooled connection would carry
     * its LISTEN to whoever borrows it next), and calls {@code wake} for every notification, on a daemon
     * thread. A lost connection is opened again after a pause; what was notified meanwhile is lost, which
     * is why listeners poll as well.
     *
     * @param channel the channel
     * @param wake what to call on each notification
     * @return stops listening and closes the connection
     */
    PostgresListener listen(String channel, Runnable wake) {
        ensureOpen();
        return PostgresListener.start(() -> java.sql.DriverManager.getConnection(config.getJdbcUrl(),
                config.getUsername(), config.getPassword()), channel, wake);
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

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                pool.close();
            } catch (RuntimeException e) {
                throw new StorageException("cannot close the registry's PostgreSQL pool: " + e.getMessage(), e);
            }
        }
    }
}
