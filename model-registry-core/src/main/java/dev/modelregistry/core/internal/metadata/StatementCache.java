package dev.modelregistry.core.internal.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepared statements of one connection, kept open by their SQL text and reused, so that a
 * statement the registry runs again (every registration runs about a dozen, every resolution of a
 * reference four) is compiled once per connection rather than once per call. SQLite re-prepares a kept
 * statement by itself when the schema changes under it. At most {@value #MAX_STATEMENTS} are kept; the
 * one used least recently is closed to make room, so statements with ever-new text (inlined id lists)
 * cannot make the cache grow.
 *
 * <p>PostgreSQL needs none of this: pgjdbc keeps a cache of its own per connection and switches a
 * statement it has seen five times ({@code prepareThreshold}) to a server-side prepared one.
 *
 * <p>Not thread-safe: used only under the lock of the connection it belongs to.
 */
final class StatementCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);
    /** More than the registry's distinct statements, fewer than would hold SQLite memory for nothing. */
    static final int MAX_STATEMENTS = 256;

    private final Connection connection;
    private final LinkedHashMap<String, PreparedStatement> plain = new LinkedHashMap<>(64, 0.75f, true);
    private final LinkedHashMap<String, PreparedStatement> returningKeys = new LinkedHashMap<>(16, 0.75f, true);

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /**
     * The connection's statement for this SQL, prepared on first use. The caller leaves it open, closes
     * its result sets, and binds every parameter before each run.
     */
    PreparedStatement statement(String sql) throws SQLException {
        return get(plain, sql, false);
    }

    /** As {@link #statement}, for an insert whose generated key is read back. */
    PreparedStatement returningKeys(String sql) throws SQLException {
        return get(returningKeys, sql, true);
    }

    private PreparedStatement get(LinkedHashMap<String, PreparedStatement> map, String sql, boolean keys)
            throws SQLException {
        PreparedStatement ps = map.get(sql);
        if (ps != null) {
            return ps;
        }
        ps = keys ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS) : connection.prepareStatement(sql);
        map.put(sql, ps);
        if (map.size() > MAX_STATEMENTS) {
            Iterator<Map.Entry<String, PreparedStatement>> eldest = map.entrySet().iterator();
            PreparedStatement old = eldest.next().getValue();
            eldest.remove();
            closeQuietly(old);
        }
        return ps;
    }

    /**
     * Drops and closes this SQL's statement after a failure, so that no state a driver might keep from
     * the failed run reaches the next one.
     */
    void discard(String sql) {
        for (LinkedHashMap<String, PreparedStatement> map : java.util.List.of(plain, returningKeys)) {
            PreparedStatement ps = map.remove(sql);
            if (ps != null) {
                closeQuietly(ps);
            }
        }
    }

    /** How many statements are kept (tests). */
    int size() {
        return plain.size() + returningKeys.size();
    }

    /** Closes every kept statement; the connection stays open. */
    @Override
    public void close() {
        plain.values().forEach(StatementCache::closeQuietly);
        returningKeys.values().forEach(StatementCache::closeQuietly);
        plain.clear();
        returningKeys.clear();
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException e) {
            LOG.debug("cannot close a cached statement", e);
        }
    }
}
