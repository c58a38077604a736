package dev.modelregistry.core.internal.metadata;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The seam between the registry's metadata logic and the database that holds it. Versions,
 * deployments, import and housekeeping run their statements through {@link Tx} inside the
 * transactions this interface hands out, and nothing else about the database: a second backend
 * (PostgreSQL for a shared registry) implements this interface, brings its own schema migrations,
 * and runs the same statements.
 *
 * <p>The statements the rooms share are kept to SQL both SQLite and PostgreSQL accept (standard
 * {@code INSERT ... ON CONFLICT} upserts, {@code CASE} rather than two-argument {@code max}); the few that
 * differ go through {@link Dialect}. The pragmas live in {@link SqliteDatabase} and {@link Migrations},
 * which are the SQLite implementation.
 *
 * <p>The contract an implementation must keep, which gc and registration rely on for safety: a
 * {@link #write} transaction is serialisable against every other write transaction on the same
 * registry, across processes and hosts; a {@link #read} sees one consistent snapshot.
 *
 * <p>Implementations are thread-safe.
 */
public interface MetadataDatabase extends AutoCloseable {

    /** A unit of work inside a transaction (or a read). */
    @FunctionalInterface
    interface Work<T> {
        /**
         * Does the work.
         *
         * @param tx the transaction's statements
         * @return the result
         * @throws SQLException if a statement fails; the transaction is rolled back
         */
        T run(Tx tx) throws SQLException;
    }

    /**
     * An open database with what the check run while opening it returned: both backends open, migrate,
     * and check the registry's identity in one step, and hand back the two together.
     *
     * @param database the open database
     * @param checked the check's result
     * @param <D> the database's type
     * @param <T> the check's result type
     */
    record Opened<D extends MetadataDatabase, T>(D database, T checked) {
    }

    /**
     * Runs work in one write transaction: all of it commits, or none of it does. Library exceptions
     * thrown by the work roll back and pass through unchanged; SQL failures become
     * {@code StorageException}s.
     *
     * @param work the work
     * @param <T> the result type
     * @return what the work returned
     */
    <T> T write(Work<T> work);

    /**
     * Runs read-only work so that all its queries see one snapshot, without blocking writers.
     *
     * @param work the work
     * @param <T> the result type
     * @return what the work returned
     */
    <T> T read(Work<T> work);

    /**
     * The database's own consistency check of its pages and indexes.
     *
     * @return the problems found; empty when the database is sound
     */
    List<String> integrityProblems();

    /**
     * Passes every statement run from now on to a listener (tests check query plans with it).
     *
     * @param listener receives each statement's SQL text
     */
    void onStatement(Consumer<String> listener);

    /**
     * A cheap way to tell whether any transaction committed since an earlier look, in this process or
     * any other that shares the database, without a read transaction.
     *
     * @return the watch; {@link ChangeWatch#ALWAYS_CHANGED} if the database has no cheap change counter
     */
    ChangeWatch changes();

    /**
     * Which SQL dialect the few non-portable statements must use.
     *
     * @return the dialect
     */
    Dialect dialect();

    /** Closes the connection(s); later work throws {@code RegistryClosedException}. */
    @Override
    void close();
}
