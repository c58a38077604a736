package dev.modelregistry.benchmarks;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.MetricFilter;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.Page;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.codec.BytesModel;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.s3.S3ProxyServer;
import dev.modelregistry.s3.S3Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The registry on PostgreSQL + S3 against the embedded registry (SQLite + files), in the same run, so that
 * the README can state ratios: register a 1 KiB artifact, load a version (cached, and cold through a registry
 * with no model cache, which reads and verifies the artifact), and search. PostgreSQL is a real server from
 * zonky's binaries on this machine and S3 an in-process s3proxy: both local, so the ratios show the
 * backends' own costs without a network's round trips, which a real deployment adds.
 *
 * <p>JMH creates one instance per fork and backend; not for use outside JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SharedBackendBenchmarks {
    /** Which backends the registry uses. */
    @Param({"embedded", "postgres-s3"})
    public String backend;

    private S3ProxyServer s3;
    private S3Storage storage;
    private ModelRegistry registry;
    private ModelRegistry uncached;
    private byte[] small;
    private ModelRef warm;
    private List<ModelRef> versions;
    private int next;
    private SearchQuery query;

    /** Creates the benchmark state (JMH needs a public no-argument constructor). */
    public SharedBackendBenchmarks() {
    }

    /**
     * Opens the registry on its backends with 200 versions of 16 KiB over 20 models, and a second registry on
     * the same data without a model cache.
     *
     * @throws Exception if a server or directory cannot be made
     */
    @Setup(Level.Trial)
    public void open() throws Exception {
        Path dir = Files.createTempDirectory("model-registry-bench-shared");
        ModelRegistry.Builder main = ModelRegistry.builder(dir);
        ModelRegistry.Builder cold = ModelRegistry.builder(dir).cacheMaxBytes(0);
        if (backend.equals("postgres-s3")) {
            String url = PostgresServer.newDatabase();
            s3 = S3ProxyServer.start();
            storage = s3.storage("bench").build();
            main.postgres(url, "", "").storage(storage);
            cold.postgres(url, "", "").storage(storage);
        }
        registry = main.open();
        uncached = cold.open();
        Random random = new Random(1);
        small = new byte[1024];
        random.nextBytes(small);
        versions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[16 * 1024];
            random.nextBytes(bytes);
            ModelVersion v = registry.versions().register("model-" + (i % 20), bytes,
                    ModelMetadata.builder(BytesModel.FORMAT_ID).metric("auc", i / 200.0).build());
            versions.add(v.ref());
        }
        warm = versions.get(0);
        registry.models().load(warm);
        query = SearchQuery.builder().namePattern("model-1*").metric("auc", MetricFilter.Comparison.GREATER_THAN, 0.5)
                .pageSize(20).build();
    }

    /**
     * Closes the registries and the servers.
     *
     * @throws Exception if closing fails
     */
    @TearDown(Level.Trial)
    public void close() throws Exception {
        uncached.close();
        registry.close();
        if (storage != null) {
            storage.close();
            s3.close();
        }
    }

    /**
     * Registers a new 1 KiB version (content the store already holds after the first call).
     *
     * @return the version
     */
    @Benchmark
    public ModelVersion register1KiB() {
        return registry.versions().register("bench", small, ModelMetadata.of(BytesModel.FORMAT_ID));
    }

    /**
     * Loads a version the cache holds (on PostgreSQL the reference is still resolved with one query).
     *
     * @return the loaded model
     */
    @Benchmark
    public Object loadCached() {
        return registry.models().load(warm);
    }

    /**
     * Loads a 16 KiB version through a registry with no cache: resolve, read and verify the artifact, decode.
     *
     * @return the loaded model
     */
    @Benchmark
    public Object loadCold() {
        ModelRef ref = versions.get(next++ % versions.size());
        return uncached.models().load(ref);
    }

    /**
     * Searches by name pattern and metric, first page of 20.
     *
     * @return the page
     */
    @Benchmark
    public Page<ModelVersion> search() {
        return registry.versions().search(query);
    }
}
