package dev.modelregistry.core.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.StorageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite statements are prepared once per connection and reused across transactions, and reuse never
 * changes what they do: after a failure, after the schema changed under them, or once the cache is full.
 */
class StatementCacheTest {
    @TempDir
    Path dir;
    SqliteDatabase db;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("t.db"), Duration.ofSeconds(30));
        db.write(tx -> {
            tx.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_repeated_statement_is_prepared_once_and_reused_by_later_transactions() {
        db.write(tx -> tx.insert("INSERT INTO t (name) VALUES (?)", "a"));
        db.read(tx -> tx.query("SELECT name FROM t WHERE id = ?", rs -> rs.getString(1), 1L));
        int kept = db.cachedStatements();
        for (int i = 0; i < 20; i++) {
            String name = "n" + i;
            long id = db.write(tx -> tx.insert("INSERT INTO t (name) VALUES (?)", name));
            Optional<String> read = db.read(tx -> tx.queryOne("SELECT name FROM t WHERE id = ?", rs -> rs.getString(1), id));
            assertThat(read).contains(name);
        }
        assertThat(db.cachedStatements()).isEqualTo(kept);
    }

    @Test
    void a_statement_that_failed_runs_correctly_on_the_next_call() {
        db.write(tx -> tx.update("INSERT INTO t (id, name) VALUES (?, ?)", 1L, "first"));
        assertThatThrownBy(() -> db.write(tx -> tx.update("INSERT INTO t (id, name) VALUES (?, ?)", 1L, "again")))
                .isInstanceOf(StorageException.class);
        db.write(tx -> tx.update("INSERT INTO t (id, name) VALUES (?, ?)", 2L, "second"));
        List<String> rows = db.read(tx -> tx.query("SELECT id, name FROM t ORDER BY id",
                rs -> rs.getLong(1) + "=" + rs.getString(2)));
        assertThat(rows).containsExactly("1=first", "2=second");
    }

    @Test
    void a_kept_statement_sees_a_column_added_after_it_was_prepared() {
        db.write(tx -> tx.update("INSERT INTO t (id, name) VALUES (?, ?)", 1L, "a"));
        String select = "SELECT * FROM t WHERE id = ?";
        Optional<Integer> before = db.read(tx -> tx.queryOne(select, rs -> rs.getMetaData().getColumnCount(), 1L));
        assertThat(before).contains(2);
        db.write(tx -> {
            tx.execute("ALTER TABLE t ADD COLUMN extra TEXT NOT NULL DEFAULT 'x'");
            return null;
        });
        Optional<String> after = db.read(tx -> tx.queryOne(select,
                rs -> rs.getMetaData().getColumnCount() + ":" + rs.getString(3), 1L));
        assertThat(after).contains("3:x");
    }

    @Test
    void statements_with_new_text_each_time_keep_the_cache_within_its_bound_and_evicted_ones_still_run() {
        String first = "SELECT count(*) FROM t WHERE id > ?";
        Optional<Integer> none = db.read(tx -> tx.queryOne(first, rs -> rs.getInt(1), 0L));
        assertThat(none).contains(0);
        for (int i = 0; i < StatementCache.MAX_STATEMENTS + 50; i++) {
            int n = i;
            db.read(tx -> tx.query("SELECT " + n + " FROM t", rs -> rs.getInt(1)));
        }
        assertThat(db.cachedStatements()).isLessThanOrEqualTo(StatementCache.MAX_STATEMENTS);
        db.write(tx -> tx.insert("INSERT INTO t (name) VALUES (?)", "a"));
        Optional<Integer> one = db.read(tx -> tx.queryOne(first, rs -> rs.getInt(1), 0L));
        assertThat(one).contains(1);
    }

    @Test
    void statements_run_once_are_not_kept() {
        db.read(tx -> tx.queryOnce("SELECT 1", rs -> rs.getInt(1))); // the read's own BEGIN and ROLLBACK are kept
        int kept = db.cachedStatements();
        for (int i = 0; i < 10; i++) {
            List<Long> ids = db.read(tx -> tx.queryOnce("SELECT id FROM t WHERE id IN (1, 2, 3)", rs -> rs.getLong(1)));
            assertThat(ids).isEmpty();
        }
        assertThat(db.cachedStatements()).isEqualTo(kept);
    }
}
