package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.testkit.storage.InMemoryModelStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gc on one host against registrations on another that reuse old, unreferenced content, sharing one
 * PostgreSQL database and one artifact store: every acknowledged registration finds its bytes, right after it
 * returns and at the end. gc's reference check and a registration's publish both run inside write
 * transactions, which the hosts' shared advisory lock serialises.
 */
class PostgresGcRaceTest {
    static final int COUNT = Integer.getInteger("modelregistry.pgGcRace.count", 400);
    static final int CONTENTS = 20;

    @TempDir
    Path dir;

    @Test
    void gc_on_one_host_never_deletes_the_bytes_of_a_registration_acknowledged_on_another() throws Exception {
        String url = PostgresServer.newDatabase();
        InMemoryModelStorage store = new InMemoryModelStorage();
        try (ModelRegistry writer = ModelRegistry.builder(dir.resolve("writer")).postgres(url, "", "").storage(store)
                .open();
                ModelRegistry collector = ModelRegistry.builder(dir.resolve("collector")).postgres(url, "", "")
                        .storage(store).open()) {
            for (int c = 0; c < CONTENTS; c++) {
                writer.versions().register("reused", content(c), ModelMetadata.of("bytes"));
            }
            writer.versions().deleteModel("reused");

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger runs = new AtomicInteger();
            AtomicInteger removed = new AtomicInteger();
            CompletableFuture<Void> gc = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    GcReport report = collector.gcForced(Duration.ZERO);
                    runs.incrementAndGet();
                    removed.addAndGet(report.blobsRemoved());
                }
            });
            List<Integer> live = new ArrayList<>();
            List<Integer> lost = new ArrayList<>();
            try {
                for (int i = 0; i < COUNT; i++) {
                    ModelVersion v = writer.versions().register("reused", content(i % CONTENTS),
                            ModelMetadata.of("bytes"));
                    try {
                        writer.storage().verify(v.artifact());
                    } catch (RuntimeException e) {
                        lost.add(v.version());
                    }
                    if (i % 10 == 9) {
                        live.add(v.version());
                    } else {
                        writer.versions().deleteVersion("reused", v.version());
                    }
                }
            } finally {
                stop.set(true);
                gc.join();
            }
            assertThat(lost).as("acknowledged versions whose bytes were gone right after registering").isEmpty();
            assertThat(removed.get()).as("gc ran concurrently (%d runs) and removed blobs", runs.get()).isPositive();
            for (int v : live) {
                collector.storage().verify(collector.versions().get(ModelRef.version("reused", v)).artifact());
            }
            System.out.printf("PostgreSQL gc race: %d registrations on one host, %d gc runs on another removed %d"
                    + " blobs, 0 without bytes%n", COUNT, runs.get(), removed.get());
        }
    }

    private static byte[] content(int c) {
        return ("content-" + c).getBytes(StandardCharsets.UTF_8);
    }
}
