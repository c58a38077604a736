package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.api.ModelNotFoundException;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged delete has an automatic backup holding what it deleted, whatever runs at the
 * same time; a delete that loses a race gets a not-found, never a storage failure. Each test runs
 * for {@code -Dmodelregistry.race.seconds} (30 by default).
 */
class BackupsFollowDeletesTest {
    private static final int SECONDS = Integer.getInteger("modelregistry.race.seconds", 30);
    /** Each test's bound: room for a race of up to 10 minutes (-Dmodelregistry.race.seconds=600) and its checks. */
    private static final long RACE_TIMEOUT_SECONDS = 900;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = RACE_TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void eight_threads_mixing_deletes_registers_and_exports_leave_every_deleted_version_in_a_backup()
            throws Exception {
        List<Throwable> storageFailures = new ArrayList<>();
        AtomicInteger deletes = new AtomicInteger();
        AtomicInteger lostRaces = new AtomicInteger();
        try (ModelRegistry registry = registry()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int i = 0;
                    while (System.nanoTime() < end) {
                        String model = "m" + random.nextInt(3);
                        try {
                            switch (random.nextInt(4)) {
                                case 0, 1 -> registry.versions().register(model,
                                        ("t" + thread + "-" + i++).getBytes(StandardCharsets.UTF_8),
                                        ModelMetadata.of("bytes"));
                                case 2 -> {
                                    List<ModelVersion> live = registry.versions().versions(model);
                                    if (!live.isEmpty()) {
                                        // Threads pick the same versions often: deletes race each other.
                                        registry.versions().deleteVersion(model,
                                                live.get(random.nextInt(Math.min(2, live.size()))).version());
                                        deletes.incrementAndGet();
                                    }
                                }
                                default -> registry.backups().exportModel(model,
                                        dir.resolve("exports").resolve(thread + "-" + i++ + ".zip"));
                            }
                        } catch (NotFoundException e) {
                            lostRaces.incrementAndGet(); // deleted or never there: the other thread won
                        } catch (StorageException e) {
                            synchronized (storageFailures) {
                                storageFailures.add(e);
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(SECONDS + 120L, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(storageFailures).as("storage failures").isEmpty();
            Set<String> missing = deletedVersionsMissingFromBackups(registry);
            assertThat(missing).as("deleted versions in no automatic backup").isEmpty();
            System.out.printf("8 threads for %d s: %d deletes, %d lost races, 0 storage failures, 0 deleted versions"
                    + " outside the backups%n", SECONDS, deletes.get(), lostRaces.get());
            assertThat(deletes.get()).isPositive();
        }
    }

    @Test
    @Timeout(value = RACE_TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void delete_model_racing_registrations_removes_only_what_its_backup_holds() throws Exception {
        AtomicInteger registered = new AtomicInteger();
        AtomicInteger modelDeletes = new AtomicInteger();
        Set<String> unexpected = ConcurrentHashMap.newKeySet();
        try (ModelRegistry registry = registry()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            Thread writer = new Thread(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    registry.versions().register("raced", ("v" + i++).getBytes(StandardCharsets.UTF_8),
                            ModelMetadata.of("bytes"));
                    registered.incrementAndGet();
                }
            });
            writer.start();
            while (System.nanoTime() < end) {
                Thread.sleep(100);
                try {
                    registry.versions().deleteModel("raced");
                    modelDeletes.incrementAndGet();
                } catch (ModelNotFoundException e) {
                    // deleted and not yet registered again
                } catch (ModelRegistryException e) {
                    unexpected.add(e.toString());
                }
            }
            writer.join(TimeUnit.SECONDS.toMillis(120));
            assertThat(writer.isAlive()).as("the writer stops at the end of the race").isFalse();
            assertThat(unexpected).isEmpty();
            Set<String> missing = deletedVersionsMissingFromBackups(registry);
            assertThat(missing).as("deleted versions in no automatic backup").isEmpty();
            System.out.printf("deleteModel every 100 ms for %d s against %d registrations: %d model deletes, 0"
                    + " failures, 0 deleted versions outside the backups%n", SECONDS, registered.get(),
                    modelDeletes.get());
            // No attempt fails: after a few races the backup is written under the write lock. (How many
            // attempts fit in the time depends on the machine's load, so only "some" is asserted.)
            assertThat(modelDeletes.get()).isPositive();
        }
    }

    private ModelRegistry registry() {
        return ModelRegistry.builder(dir.resolve("registry")).backupRetention(1_000_000, Duration.ofDays(365)).open();
    }

    /** model/number of every deleted version that no automatic backup holds with the same bytes. */
    private static Set<String> deletedVersionsMissingFromBackups(ModelRegistry registry) throws IOException {
        Set<String> backedUp = new HashSet<>();
        for (Path backup : registry.backups().automaticBackups()) {
            try (ZipFile zip = new ZipFile(backup.toFile())) {
                JsonNode manifest = JSON.readTree(zip.getInputStream(zip.getEntry("manifest.json")));
                for (JsonNode m : manifest.get("models")) {
                    for (JsonNode v : m.get("versions")) {
                        backedUp.add(m.get("name").asText() + "/" + v.get("number").asInt() + "@"
                                + v.get("digest").asText());
                    }
                }
            }
        }
        Set<String> missing = new HashSet<>();
        List<String> models = registry.database().read(tx -> tx.query("SELECT name FROM model", rs -> rs.getString(1)));
        for (String model : models) {
            for (ModelVersion v : registry.versions().history(model)) {
                if (v.state() == VersionState.DELETED
                        && !backedUp.contains(model + "/" + v.version() + "@" + v.artifact().digest().hex())) {
                    missing.add(model + "/" + v.version());
                }
            }
        }
        return missing;
    }
}
