package dev.modelregistry.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.core.CrashLedger;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.s3.S3Storage;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
    static final SharedBackends BACKENDS = new SharedBackends();

    @TempDir
    Path dir;

    /** What the parent knows was acknowledged. */
    private final CrashLedger ledger = new CrashLedger();


    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sigkill_during_uploads_and_commits_loses_nothing_acknowledged_and_gc_removes_only_orphans()
            throws Exception {
        Path home = dir.resolve("host-0");
        SharedBackends.Backend backend = BACKENDS.backend(home);
        Random random = new Random(SEED);
        int inFlight = 0;
        int inUpload = 0;
        int phantoms = 0;
        try (ModelRegistry registry = BACKENDS.builder(home).open()) {
            for (int kill = 0; kill < KILLS; kill++) {
                String java = ProcessHandle.current().info().command().orElse("java");
                List<String> log = CrashLedger.runAndKill(List.of(java, "-Xmx256m", "-cp",
                        System.getProperty("java.class.path"), SharedCrashWorker.class.getName(),
                        dir.resolve("worker").toString(), backend.jdbcUrl(), BACKENDS.s3Endpoint().toString(),
                        backend.storage().prefix(), Long.toString(random.nextLong())),
                        new File(dir.toFile(), "worker.err"), 100 + random.nextInt(1_500));
                Optional<String> pending = ledger.apply(log);
                inFlight += pending.isPresent() ? 1 : 0;
                inUpload += pending.filter(p -> p.startsWith("REG")).isPresent() ? 1 : 0;
                phantoms += ledger.check(registry, pending);
            }
            S3Storage storage = backend.storage();
            Set<String> blobsBefore = digests(storage);
            int uploadsBefore = storage.abandonedUploads(Duration.ZERO).size();
            Set<String> referenced = new TreeSet<>(ledger.live().values());
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
            ledger.check(registry, Optional.empty());
            System.out.printf("shared crash (seed %d): %d SIGKILLs, %d during an operation (%d during a"
                    + " registration's upload or commit), %d committed but unacknowledged, 0 acknowledged changes"
                    + " lost; gc removed %d orphaned blobs and %d abandoned uploads, 0 referenced%n", SEED, KILLS,
                    inFlight, inUpload, phantoms, blobsBefore.size() - referenced.size(), uploadsBefore);
        }
    }

    private static Set<String> digests(S3Storage storage) {
        try (var blobs = storage.list()) {
            return blobs.map(StoredArtifact::info).map(i -> i.digest().hex())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
