package dev.modelregistry.core.internal.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A thin helper over one JDBC connection inside a transaction: prepared statements with positional
 * parameters, mapped results. With a {@link StatementCache} (SQLite), statements are taken from it and
 * left open for the next call; {@link #queryOnce} is for statements whose text is never repeated
 * (inlined id lists), which would only push reusable ones out of the cache. Not thread-safe: used by
 * one thread inside its database's lock or on its pooled connection.
 */
public final class Tx {
    private final Connection connection;
    private final Consumer<String> listener;
    /** Null: every statement is prepared and closed (pgjdbc caches by itself). */
    private final StatementCache cache;

    Tx(Connection connection, Consumer<String> listener) {
        this(connection, listener, null);
    }

    Tx(Connection connection, Consumer<String> listener, StatementCache cache) {
        this.connection = connection;
        this.listener = listener;
        this.cache = cache;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs with a bound statement; the statement is the caller's to keep or close, not the work's. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return run(sql, cache, false, ps -> collect(ps, mapper), params);
    }

    /**
     * As {@link #query}, for a statement whose text will not come again (it inlines values): prepared
     * and closed, never cached.
     */
    public <T> List<T> queryOnce(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return run(sql, null, false, ps -> collect(ps, mapper), params);
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public int update(String sql, Object... params) throws SQLException {
        return run(sql, cache, false, PreparedStatement::executeUpdate, params);
    }

    public long insert(String sql, Object... params) throws SQLException {
        return run(sql, cache, true, ps -> {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }, params);
    }

    public void execute(String sql) throws SQLException {
        listener.accept(sql);
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static <T> List<T> collect(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    private <T> T run(String sql, StatementCache statements, boolean keys, StatementWork<T> work, Object... params)
            throws SQLException {
        listener.accept(sql);
        if (statements == null) {
            try (PreparedStatement ps = keys ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                    : connection.prepareStatement(sql)) {
                bind(ps, params);
                return work.run(ps);
            }
        }
        PreparedStatement ps = keys ? statements.returningKeys(sql) : statements.statement(sql);
        try {
            bind(ps, params);
            return work.run(ps);
        } catch (SQLException | RuntimeException e) {
            statements.discard(sql);
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
