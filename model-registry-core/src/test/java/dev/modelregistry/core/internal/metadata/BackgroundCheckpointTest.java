package dev.modelregistry.core.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints run on a background connection once the WAL reaches {@link SqliteDatabase#CHECKPOINT_PAGES},
 * the WAL stays within SQLite's in-commit bound, and nothing committed is lost.
 */
class BackgroundCheckpointTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_long_run_of_commits_is_checkpointed_in_the_background_and_the_wal_stays_bounded() throws Exception {
        Path file = dir.resolve("t.db");
        SqliteDatabase db = SqliteDatabase.open(file, Duration.ofSeconds(30));
        long maxWalBytes = 0;
        int rows = 6000;
        try {
            db.write(tx -> {
                tx.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, pad BLOB)");
                return null;
            });
            for (int i = 0; i < rows; i++) {
                int n = i;
                // About one page per commit, so the WAL passes 1,000 pages several times.
                db.write(tx -> tx.update("INSERT INTO t (id, pad) VALUES (?, zeroblob(3000))", n));
                Path wal = dir.resolve("t.db-wal");
                if (Files.exists(wal)) {
                    maxWalBytes = Math.max(maxWalBytes, Files.size(wal));
                }
            }
            assertThat(db.backgroundCheckpoints()).as("background checkpoints").isPositive();
            // Under writes without pause the background checkpoint lags and the WAL cannot restart, so the
            // bound is SQLite's in-commit checkpoint at WAL_BOUND_PAGES (pages of 4 KiB plus a 24-byte frame header).
            long frame = 4096 + 24;
            assertThat(maxWalBytes).as("largest WAL seen")
                    .isLessThan((SqliteDatabase.WAL_BOUND_PAGES + 2L * SqliteDatabase.CHECKPOINT_PAGES) * frame);
            assertThat((int) db.read(tx -> tx.queryOne("SELECT count(*) FROM t", rs -> rs.getInt(1)).orElseThrow()))
                    .isEqualTo(rows);
        } finally {
            db.close();
        }
        SqliteDatabase reopened = SqliteDatabase.open(file, Duration.ofSeconds(30));
        try {
            assertThat((int) reopened.read(tx -> tx.queryOne("SELECT count(*) FROM t", rs -> rs.getInt(1)).orElseThrow()))
                    .isEqualTo(rows);
            assertThat(reopened.integrityProblems()).isEmpty();
        } finally {
            reopened.close();
        }
    }
}
