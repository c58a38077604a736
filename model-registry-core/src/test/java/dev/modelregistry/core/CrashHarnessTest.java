package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelVersion;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, String> live = new HashMap<>(); // model/number -> digest
    private final Map<String, Integer> aliases = new HashMap<>(); // model@alias -> number

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
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), CrashWorker.class.getName(), root.toString(),
                    exports.toString(), Long.toString(random.nextLong()))
                    .redirectError(new File(dir.toFile(), "worker.err")).start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the child died
                }
            });
            reader.start();
            synchronized (lines) {
                long deadline = System.currentTimeMillis() + 60_000;
                while (!lines.contains("READY") && child.isAlive() && System.currentTimeMillis() < deadline) {
                    lines.wait(100);
                }
            }
            assertThat(child.isAlive()).as("worker started; see " + dir.resolve("worker.err")).isTrue();
            Thread.sleep(50 + random.nextInt(700));
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30)); // the child is dead: its output ends
            assertThat(reader.isAlive()).as("the reader of a killed worker's output stops").isFalse();
            List<String> log;
            synchronized (lines) {
                log = List.copyOf(lines);
            }
            assertThat(log).as("no operation failed").noneMatch(l -> l.startsWith("FAIL"));
            Optional<String> inFlight = apply(log);
            inFlightAtKill += inFlight.isPresent() ? 1 : 0;
            phantoms += check(root, inFlight);
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

    /** Applies the acknowledged operations; returns the one in flight at the kill, if any. */
    private Optional<String> apply(List<String> log) {
        String pending = null;
        for (String line : log) {
            String[] f = line.split(" ");
            if (f[0].equals("BEGIN")) {
                pending = line.substring("BEGIN ".length());
            } else if (f[0].equals("ACK")) {
                pending = null;
                switch (f[1]) {
                    case "REG" -> live.put(f[2] + "/" + f[3], f[4]);
                    case "ALIAS" -> aliases.put(f[2] + "@" + f[3], Integer.parseInt(f[4]));
                    case "DEL" -> {
                        live.remove(f[2] + "/" + f[3]);
                        int n = Integer.parseInt(f[3]);
                        aliases.entrySet().removeIf(a -> a.getKey().startsWith(f[2] + "@") && a.getValue() == n);
                    }
                    default -> { }
                }
            }
        }
        return Optional.ofNullable(pending);
    }

    /**
     * Checks the registry against what was acknowledged; adopts the in-flight operation's outcome
     * (either is legitimate) and returns 1 if it had committed without its acknowledgement.
     */
    private int check(Path root, Optional<String> inFlight) {
        String[] op = inFlight.map(s -> s.split(" ")).orElse(new String[] {""});
        int phantom = 0;
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            assertThat(registry.database().integrityProblems()).isEmpty();
            Map<String, String> actual = new HashMap<>();
            Map<String, Integer> actualAliases = new HashMap<>();
            for (ModelInfo m : registry.versions().models()) {
                for (ModelVersion v : registry.versions().versions(m.name())) {
                    actual.put(m.name() + "/" + v.version(), v.artifact().digest().hex());
                    registry.storage().verify(v.artifact());
                }
                m.aliases().forEach((a, n) -> actualAliases.put(m.name() + "@" + a, n));
            }
            Map<String, String> extra = new HashMap<>(actual);
            extra.keySet().removeAll(live.keySet());
            Map<String, String> lost = new HashMap<>(live);
            lost.keySet().removeAll(actual.keySet());
            if (op[0].equals("REG") && extra.size() == 1 && extra.keySet().iterator().next().startsWith(op[1] + "/")) {
                live.putAll(extra); // committed, not acknowledged
                phantom = 1;
                extra.clear();
            }
            if (op[0].equals("DEL") && lost.size() == 1 && lost.containsKey(op[1] + "/" + op[2])) {
                live.remove(op[1] + "/" + op[2]);
                int n = Integer.parseInt(op[2]);
                aliases.entrySet().removeIf(a -> a.getKey().startsWith(op[1] + "@") && a.getValue() == n);
                phantom = 1;
                lost.clear();
            }
            assertThat(lost).as("acknowledged versions lost").isEmpty();
            assertThat(extra).as("live versions nobody registered").isEmpty();
            assertThat(actual).isEqualTo(live);
            if (op[0].equals("ALIAS") && !actualAliases.equals(aliases)) {
                aliases.put(op[1] + "@" + op[2], Integer.parseInt(op[3]));
                phantom = 1;
            }
            assertThat(actualAliases).as("aliases as acknowledged").isEqualTo(aliases);
        }
        return phantom;
    }
}
