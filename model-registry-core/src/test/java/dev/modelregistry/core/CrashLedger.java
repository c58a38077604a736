package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelVersion;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the parent of a crash test knows was acknowledged, from the {@code BEGIN ...} and {@code ACK ...} lines
 * of workers killed with SIGKILL ({@link CrashWorker}, and shared-it's worker on PostgreSQL + S3), and the
 * check of a registry against it: every acknowledged version live with bytes that verify, every acknowledged
 * delete deleted, every acknowledged alias move in place, and nothing else but the one operation in flight,
 * which a crash may leave either way. Not thread-safe.
 */
public final class CrashLedger {
    private final Map<String, String> live = new HashMap<>(); // model/number -> digest
    private final Map<String, Integer> aliases = new HashMap<>(); // model@alias -> number

    /**
     * Starts a worker JVM, waits for its {@code READY} line, kills it with SIGKILL {@code killAfterMillis}
     * later, and returns everything it printed.
     *
     * @param command the worker's command line
     * @param stderr where its standard error goes
     * @param killAfterMillis how long it works before the kill
     * @return its output lines
     * @throws Exception if it cannot be started or waited for
     */
    public static List<String> runAndKill(List<String> command, File stderr, long killAfterMillis) throws Exception {
        Process child = new ProcessBuilder(command).redirectError(stderr).start();
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
            long deadline = System.currentTimeMillis() + 120_000;
            while (!lines.contains("READY") && child.isAlive() && System.currentTimeMillis() < deadline) {
                lines.wait(100);
            }
        }
        assertThat(child.isAlive()).as("worker started; see " + stderr).isTrue();
        Thread.sleep(killAfterMillis);
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(30)); // the child is dead: its output ends
        assertThat(reader.isAlive()).as("the reader of a killed worker's output stops").isFalse();
        synchronized (lines) {
            List<String> log = List.copyOf(lines);
            assertThat(log).as("no operation failed").noneMatch(l -> l.startsWith("FAIL"));
            return log;
        }
    }

    /**
     * Applies the acknowledged operations of a worker's output.
     *
     * @param log the output
     * @return the operation in flight at the kill, if any
     */
    public Optional<String> apply(List<String> log) {
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
     * Checks the registry against what was acknowledged (reading every live version's bytes); adopts the
     * in-flight operation's outcome, either being legitimate.
     *
     * @param registry the registry after the kill
     * @param inFlight the operation in flight at the kill, from {@link #apply}
     * @return 1 if that operation had committed without its acknowledgement, else 0
     */
    public int check(ModelRegistry registry, Optional<String> inFlight) {
        String[] op = inFlight.map(s -> s.split(" ")).orElse(new String[] {""});
        int phantom = 0;
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
        return phantom;
    }

    /**
     * The digests of the acknowledged live versions.
     *
     * @return model/number to digest, a copy
     */
    public Map<String, String> live() {
        return Map.copyOf(live);
    }
}
