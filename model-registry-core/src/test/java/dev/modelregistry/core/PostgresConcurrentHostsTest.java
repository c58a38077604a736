package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.version.AliasChange;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.testkit.storage.InMemoryModelStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two "hosts" (two registries, each with its own directory and connection pool) share one PostgreSQL database
 * and one artifact store, and write at once: version numbers come out without a gap or a duplicate, and every
 * alias move is kept, each one recording the move before it as its previous target.
 */
class PostgresConcurrentHostsTest {
    static final int THREADS_PER_HOST = 4;
    static final int REGISTRATIONS_PER_THREAD = 15;

    @TempDir
    Path dir;

    @Test
    void two_hosts_writing_at_once_number_versions_without_gaps_or_duplicates_and_lose_no_alias_move()
            throws Exception {
        String url = PostgresServer.newDatabase();
        InMemoryModelStorage shared = new InMemoryModelStorage();
        try (ModelRegistry a = ModelRegistry.builder(dir.resolve("host-a")).postgres(url, "", "").storage(shared)
                .open();
                ModelRegistry b = ModelRegistry.builder(dir.resolve("host-b")).postgres(url, "", "")
                        .storage(shared).open()) {
            ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_HOST);
            try {
                List<Future<List<Integer>>> futures = new ArrayList<>();
                for (int t = 0; t < 2 * THREADS_PER_HOST; t++) {
                    ModelRegistry host = t % 2 == 0 ? a : b;
                    int thread = t;
                    futures.add(pool.submit((Callable<List<Integer>>) () -> {
                        List<Integer> mine = new ArrayList<>();
                        for (int i = 0; i < REGISTRATIONS_PER_THREAD; i++) {
                            byte[] artifact = ("thread " + thread + " artifact " + i).getBytes(StandardCharsets.UTF_8);
                            ModelVersion v = host.versions().register("shared", artifact, ModelMetadata.of("bytes"));
                            host.versions().setAlias("shared", "champion", v.version());
                            mine.add(v.version());
                        }
                        return mine;
                    }));
                }
                List<Integer> all = new ArrayList<>();
                for (Future<List<Integer>> f : futures) {
                    all.addAll(f.get());
                }
                int total = 2 * THREADS_PER_HOST * REGISTRATIONS_PER_THREAD;
                assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
                assertThat(b.versions().versions("shared")).hasSize(total);

                List<AliasChange> moves = a.versions().aliasHistory("shared", "champion");
                assertThat(moves).hasSize(total);
                // Oldest first: each move's previous target is the target of the move before it.
                List<AliasChange> chronological = new ArrayList<>(moves);
                if (chronological.get(0).previous().isPresent()) {
                    java.util.Collections.reverse(chronological);
                }
                Optional<Integer> before = Optional.empty();
                for (AliasChange move : chronological) {
                    assertThat(move.previous()).as(move.toString()).isEqualTo(before);
                    before = move.target();
                }
                assertThat(a.versions().get(dev.modelregistry.api.ModelRef.parse("shared@champion")).version())
                        .isEqualTo(before.orElseThrow());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
