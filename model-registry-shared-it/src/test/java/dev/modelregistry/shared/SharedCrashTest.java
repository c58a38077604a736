package dev.modelregistry.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.s3.S3Storage;
import dev.modelregistry.s3.SharedS3;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's {@code CrashHarnessTest} on PostgreSQL + S3: a child JVM ({@link SharedCrashWorker}) registering,
 * deleting and moving aliases is killed with SIGKILL at a random moment, often during an upload (some are
 * multipart) or a commit; after each kill, every acknowledged version is live with bytes that verify, and
 * every acknowledged alias move holds (the one operation in flight may have committed either way). After the
 * last kill, gc with a grace of an hour removes nothing (every leftover is younger), and gc with no grace
 * removes every orphaned object (blobs no version references, staged objects, unfinished multipart uploads)
 * and no referenced one: the blobs left are exactly those of the live versions.
 *
 * <p>{@code -Dmodelregistry.shared.kills=N} sets the number of kills (5 by default, as each costs a JVM start
 * on PostgreSQL + S3; 50 was measured, see the commit) and {@code -Dmodelregistry.shared.crashSeed} replays.
 */
class SharedCrashTest {
    private static final int KILLS = Integer.getInteger("modelregistry.shared.kills", 5);
    private static final long SEED = Long.getLong("modelregistry.shared.crashSeed", System.nanoTime());

    @RegisterExtension
    static final SharedS3 S3 = new SharedS3();
    private static SharedBackends backends;

    @TempDir
    Path dir;

    /** What the parent knows was acknowledged. */
    private final Map<String, String> live = new HashMap<>(); // model/number -> digest
    private final Map<String, Integer> aliases = new HashMap<>(); // model@alias -> number

    @BeforeAll
    static void backends() {
        backends = new SharedBackends(S3);
    }

    @AfterAll
    static void closeStores() {
        backends.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sigkill_during_uploads_and_commits_loses_nothing_acknowledged_and_gc_removes_only_orphans()
            throws Exception {
        Path home = dir.resolve("host-0");
        SharedBackends.Backend backend = backends.backend(home);
        Random random = new Random(SEED);
        int inFlight = 0;
        int inUpload = 0;
        int phantoms = 0;
        try (ModelRegistry registry = backends.builder(home).open()) {
            for (int kill = 0; kill < KILLS; kill++) {
                List<String> log = runAndKill(backend, random);
                assertThat(log).as("no operation failed").noneMatch(l -> l.startsWith("FAIL"));
                Optional<String> pending = apply(log);
                inFlight += pending.isPresent() ? 1 : 0;
                inUpload += pending.filter(p -> p.startsWith("REG")).isPresent() ? 1 : 0;
                phantoms += check(registry, pending);
            }
            S3Storage storage = backend.storage();
            Set<String> blobsBefore = digests(storage);
            int uploadsBefore = storage.abandonedUploads(Duration.ZERO).size();
            Set<String> referenced = new TreeSet<>(live.values());
            assertThat(blobsBefore).as("every acknowledged version's blob").containsAll(referenced);

            registry.gc(Duration.ofHours(1));
            assertThat(digests(storage)).as("blobs after gc with a grace longer than their age")
                    .isEqualTo(blobsBefore);
            assertThat(storage.abandonedUploads(Duration.ZERO)).as("uploads after gc with a long grace")
                    .hasSize(uploadsBefore);

            registry.gc(Duration.ZERO);
            assertThat(digests(storage)).as("blobs after gc with no grace: those of live versions")
                    .isEqualTo(referenced);
            assertThat(storage.abandonedUploads(Duration.ZERO)).as("abandoned uploads after gc").isEmpty();
            check(registry, Optional.empty());
            System.out.printf("shared crash (seed %d): %d SIGKILLs, %d during an operation (%d during a"
                    + " registration's upload or commit), %d committed but unacknowledged, 0 acknowledged changes"
                    + " lost; gc removed %d orphaned blobs and %d abandoned uploads, 0 referenced%n", SEED, KILLS,
                    inFlight, inUpload, phantoms, blobsBefore.size() - referenced.size(), uploadsBefore);
        }
    }

    /** Starts a worker, kills it with SIGKILL at a random moment after it is ready, and returns its output. */
    private List<String> runAndKill(SharedBackends.Backend backend, Random random) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SharedCrashWorker.class.getName(), dir.resolve("worker").toString(), backend.jdbcUrl(),
                S3.endpoint().toString(), backend.storage().prefix(), Long.toString(random.nextLong()))
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
            long deadline = System.currentTimeMillis() + 120_000;
            while (!lines.contains("READY") && child.isAlive() && System.currentTimeMillis() < deadline) {
                lines.wait(100);
            }
        }
        assertThat(child.isAlive()).as("worker started; see " + dir.resolve("worker.err")).isTrue();
        Thread.sleep(100 + random.nextInt(1_500));
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(reader.isAlive()).as("the reader of a killed worker's output stops").isFalse();
        synchronized (lines) {
            return List.copyOf(lines);
        }
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
     * Checks the registry against what was acknowledged; adopts the in-flight operation's outcome (either is
     * legitimate) and returns 1 if it had committed without its acknowledgement.
     */
    private int check(ModelRegistry registry, Optional<String> inFlight) {
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

    private static Set<String> digests(S3Storage storage) {
        try (var blobs = storage.list()) {
            return blobs.map(StoredArtifact::info).map(i -> i.digest().hex())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
