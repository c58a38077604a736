package dev.modelregistry.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.microsoft.ml.lightgbm.PredictionType;
import com.microsoft.ml.lightgbm.lightgbmlib;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The serving hot paths, each next to its raw baseline in the same run, so that results are read as
 * ratios: a cached {@code load} against a bare Caffeine get, a LightGBM prediction through
 * {@code TrainedModel} and through an endpoint against lightgbm4j's {@code predictForMatSingleRow},
 * and the same at 2 threads (the raw baseline then with one booster per thread, the best raw
 * LightGBM can do, since it serialises single-row predictions per booster).
 *
 * <p>JMH creates the states; not for use outside JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HotPathBenchmarks {
    private Path dir;
    private ModelRegistry registry;
    private ModelRef champion;
    private ModelRef numbered;
    private TrainedModel model;
    private Endpoint endpoint;
    private double[] row;
    private String modelText;
    private LGBMBooster booster;
    private Cache<Object, Object> caffeine;
    private RawFastPredictor raw;
    /** Held so that the model from {@code load()} (and the unwrapped {@link #model}) stays valid. */
    private dev.modelregistry.api.loading.LoadedModel loaded;
    private Object caffeineKey;
    /** A SQLite database of its own, for the cost of its change stamp alone. */
    private dev.modelregistry.core.internal.metadata.SqliteDatabase stampDb;
    private dev.modelregistry.core.internal.metadata.ChangeWatch stampWatch;
    /** A map holding one reference, as the registry's resolutions do. */
    private final java.util.concurrent.ConcurrentHashMap<ModelRef, Object> refs = new java.util.concurrent.ConcurrentHashMap<>();
    /** A cache built as the registry builds its own: weighed, with statistics, maintained on the caller. */
    private Cache<Object, Object> caffeineAsRegistry;

    /** Creates the benchmark state (JMH needs a public no-argument constructor). */
    public HotPathBenchmarks() {
    }

    /** A cache key shaped like the registry's own (model, version, digest). */
    private record Key(String model, int version, String digest) {
    }

    /**
     * Opens a registry, trains, registers and deploys a LightGBM model, points an alias at it, loads it
     * once, and builds the baselines: a Caffeine cache holding one entry, and a raw booster.
     *
     * @throws IOException if the temporary directory cannot be made
     * @throws LGBMException if the raw booster cannot be loaded
     */
    @Setup(Level.Trial)
    public void open() throws IOException, LGBMException {
        dir = Files.createTempDirectory("model-registry-hot");
        registry = ModelRegistry.open(dir);
        Random random = new Random(1);
        Dataset data = BenchmarkFixtures.linear(random);
        ModelVersion trained = BenchmarkFixtures.trainLightGbm(registry, data);
        registry.versions().setAlias("lgbm", "champion", trained.version());
        champion = ModelRef.parse("lgbm@champion");
        numbered = trained.ref();
        loaded = registry.models().load(champion);
        model = loaded.unwrap(TrainedModel.class);
        registry.models().load(numbered);
        registry.deployer().deploy(trained.ref(), "bench", DeploymentSpec.replace());
        endpoint = registry.deployer().endpoint("bench");
        row = data.row(0);
        modelText = new String(BundleBytes.nativeModel(registry, trained.ref()), StandardCharsets.UTF_8);
        booster = LGBMBooster.loadModelFromString(modelText);
        raw = new RawFastPredictor(modelText, row.length);
        caffeine = Caffeine.newBuilder().maximumSize(1_000).build();
        caffeineKey = new Key("lgbm", trained.version(), "0".repeat(64));
        caffeine.put(caffeineKey, model);
        caffeineAsRegistry = Caffeine.newBuilder().maximumWeight(512L << 20).weigher((Object k, Object v) -> 1)
                .removalListener((Object k, Object v, com.github.benmanes.caffeine.cache.RemovalCause c) -> { })
                .recordStats().executor(Runnable::run).build();
        caffeineAsRegistry.put(caffeineKey, model);
        stampDb = dev.modelregistry.core.internal.metadata.SqliteDatabase.open(dir.resolve("stamp.db"),
                java.time.Duration.ofSeconds(30));
        stampWatch = stampDb.changes();
        refs.put(champion, caffeineKey);
    }

    /**
     * Closes the registry and the raw booster and deletes the directory.
     *
     * @throws IOException if a file cannot be deleted
     * @throws LGBMException if the booster cannot be freed
     */
    @TearDown(Level.Trial)
    public void close() throws IOException, LGBMException {
        booster.close();
        raw.close();
        stampDb.close();
        registry.close();
        BenchmarkFixtures.deleteTree(dir);
    }

    /**
     * LightGBM's single-row fast path ({@code LGBM_BoosterPredictForMatSingleRowFast}) on a booster of its own,
     * called straight through lightgbm4j's SWIG layer: LightGBM's floor for one row. Not thread-safe (one
     * output buffer).
     */
    static final class RawFastPredictor implements AutoCloseable {
        private final com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void handle = lightgbmlib.new_voidpp();
        private final com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void fastConfig = lightgbmlib.new_voidpp();
        private final com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long outLength = lightgbmlib.new_int64_tp();
        private final com.microsoft.ml.lightgbm.SWIGTYPE_p_double out = lightgbmlib.new_doubleArray(1);

        RawFastPredictor(String modelText, int features) throws LGBMException {
            com.microsoft.ml.lightgbm.SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
            check(lightgbmlib.LGBM_BoosterLoadModelFromString(modelText, iterations, handle));
            check(lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastInit(lightgbmlib.voidpp_value(handle),
                    PredictionType.C_API_PREDICT_NORMAL.getType(), 0, lightgbmlib.intp_value(iterations),
                    lightgbmlib.C_API_DTYPE_FLOAT64, features, "", fastConfig));
            lightgbmlib.delete_intp(iterations);
        }

        double predict(double[] row) throws LGBMException {
            check(lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG(row,
                    lightgbmlib.voidpp_value(fastConfig), outLength, out));
            return lightgbmlib.doubleArray_getitem(out, 0);
        }

        @Override
        public void close() throws LGBMException {
            check(lightgbmlib.LGBM_FastConfigFree(lightgbmlib.voidpp_value(fastConfig)));
            check(lightgbmlib.LGBM_BoosterFree(lightgbmlib.voidpp_value(handle)));
        }
    }

    /** Per benchmark thread: a raw fast-path booster of its own (the baseline that scales) and a client id. */
    @State(Scope.Thread)
    public static class PerThread {
        RawFastPredictor raw;
        String client;

        /** Creates the state (JMH needs a public no-argument constructor). */
        public PerThread() {
        }

        /**
         * Loads this thread's booster.
         *
         * @param shared the benchmark's state, for the model text
         * @throws LGBMException if the booster cannot be loaded
         */
        @Setup(Level.Trial)
        public void open(HotPathBenchmarks shared) throws LGBMException {
            raw = new RawFastPredictor(shared.modelText, shared.row.length);
            client = "client-" + Thread.currentThread().getId();
        }

        /**
         * Frees this thread's booster.
         *
         * @throws LGBMException if it cannot be freed
         */
        @TearDown(Level.Trial)
        public void close() throws LGBMException {
            raw.close();
        }
    }

    /**
     * Baseline: a hit in a bare Caffeine cache.
     *
     * @return the cached value
     */
    @Benchmark
    public Object caffeineGet() {
        return caffeine.getIfPresent(caffeineKey);
    }

    /**
     * Not a baseline but a breakdown: a hit through {@code get(key, loader)} in a cache configured as
     * the registry's (weigher, statistics, removal listener, maintenance on the caller). What a cached
     * load costs beyond this is the registry's own resolution of the reference.
     *
     * @return the cached value
     */
    @Benchmark
    public Object caffeineGetAsRegistry() {
        return caffeineAsRegistry.get(caffeineKey, k -> model);
    }

    /**
     * Not a baseline but a breakdown: the SQLite change stamp a cached load takes first (the WAL-index
     * header compared with the last one seen).
     *
     * @return the stamp
     */
    @Benchmark
    public Object changeStamp() {
        return stampWatch.stamp();
    }

    /**
     * Not a baseline but a breakdown: the lookup of a reference in a {@code ConcurrentHashMap}, as a
     * cached load finds its resolution.
     *
     * @return the resolution
     */
    @Benchmark
    public Object referenceLookup() {
        return refs.get(champion);
    }

    /**
     * A cached {@code load(name@alias)}.
     *
     * @return the model
     */
    @Benchmark
    public Object loadCachedAlias() {
        return registry.models().load(champion);
    }

    /**
     * A cached {@code load(name/version)}.
     *
     * @return the model
     */
    @Benchmark
    public Object loadCachedNumbered() {
        return registry.models().load(numbered);
    }

    /**
     * Baseline: lightgbm4j's single-row prediction on a raw booster.
     *
     * @return the prediction
     * @throws LGBMException if LightGBM fails
     */
    @Benchmark
    public double rawSingleRow() throws LGBMException {
        return booster.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL);
    }

    /**
     * Baseline: LightGBM's single-row fast path ({@code LGBM_BoosterPredictForMatSingleRowFast}) on a
     * raw booster, called straight through lightgbm4j's SWIG layer.
     *
     * @return the prediction
     * @throws LGBMException if LightGBM fails
     */
    @Benchmark
    public double rawFastSingleRow() throws LGBMException {
        return raw.predict(row);
    }

    private static void check(int rc) throws LGBMException {
        if (rc != 0) {
            throw new LGBMException(lightgbmlib.LGBM_GetLastError());
        }
    }

    /**
     * One row through the loaded {@code TrainedModel} (preprocessing plus native predict).
     *
     * @return the prediction
     */
    @Benchmark
    public double predictModel() {
        return model.predict(row);
    }

    /**
     * One row through the deployed endpoint (routing, lease, monitoring, native predict).
     *
     * @param thread this thread's client id
     * @return the prediction
     */
    @Benchmark
    public double predictEndpoint(PerThread thread) {
        return endpoint.predict(row, thread.client);
    }

    /**
     * Baseline at 2 threads: each thread on its own raw booster, through the same fast path as
     * {@link #rawFastSingleRow()}.
     *
     * @param thread this thread's booster
     * @return the prediction
     * @throws LGBMException if LightGBM fails
     */
    @Benchmark
    @Threads(2)
    public double rawFastSingleRow2Threads(PerThread thread) throws LGBMException {
        return thread.raw.predict(row);
    }

    /**
     * Two threads on one endpoint.
     *
     * @param thread this thread's client id
     * @return the prediction
     */
    @Benchmark
    @Threads(2)
    public double predictEndpoint2Threads(PerThread thread) {
        return endpoint.predict(row, thread.client);
    }
}
