package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.api.maintenance.Finding;

/**
 * Child JVMs working on one registry are killed with SIGKILL at random moments; after each kill the
 * registry must hold exactly what was acknowledged: every acknowledged version live with its bytes,
 * every acknowledged delete deleted, every acknowledged alias move in place, and nothing else but
 * the one operation in flight (committed but not yet acknowledged, which a crash can legitimately
 * leave either way). The database passes its integrity check after every kill, and after the last
 * gc leaves no temp file of backups, exports or blob writes.
 *
 * <p>{@code -Dmodelregistry.crash.kills=N} sets the number of kills (CI runs a few dozen; the
 * {@code crash} profile runs 1,000) and {@code -Dmodelregistry.crash.seed} replays a run.
 */
class CrashHarnessTest {
    private static final int KILLS = Integer.getInteger("modelregistry.crash.kills", 25);
    private static final long SEED = Long.getLong("modelregistry.crash.seed", System.nanoTime());

    @TempDir
    Path dir;

    /** What the parent knows was acknowledged. */
    private final CrashLedger ledger = new CrashLedger();

    /** Generous for the crash profile's 1,000 kills (about 2.5 s each on a busy 2-core machine: 45 minutes). */
    @Test
    @Timeout(value = 180, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sigkill_at_random_moments_loses_nothing_acknowledged_and_leaves_no_stale_temp_files() throws Exception {
        Path root = dir.resolve("registry");
        Path exports = Files.createDirectories(dir.resolve("exports"));
        ModelRegistry.open(root).close();
        Random random = new Random(SEED);
        int inFlightAtKill = 0;
        int phantoms = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            List<String> log = CrashLedger.runAndKill(List.of(ProcessHandle.current().info().command()
                    .orElse("java"), "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
                    root.toString(), exports.toString(), Long.toString(random.nextLong())),
                    new File(dir.toFile(), "worker.err"), 50 + random.nextInt(700));
            Optional<String> inFlight = ledger.apply(log);
            inFlightAtKill += inFlight.isPresent() ? 1 : 0;
            try (ModelRegistry registry = ModelRegistry.open(root)) {
                assertThat(registry.database().integrityProblems()).isEmpty();
                phantoms += ledger.check(registry, inFlight);
            }
        }
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            registry.gc(Duration.ZERO);
            assertThat(registry.verify().findings(Finding.Kind.LEFTOVER_TEMP)).isEmpty();
            assertThat(registry.verify().healthy()).isTrue();
        }
        try (Stream<Path> files = Files.list(exports)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("stray export temp files")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
        System.out.printf("crash harness (seed %d): %d SIGKILLs, %d during an operation, %d committed but"
                + " unacknowledged, 0 acknowledged changes lost, 0 stale temp files%n", SEED, KILLS, inFlightAtKill,
                phantoms);
    }
}
