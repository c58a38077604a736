package dev.modelregistry.benchmarks;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.codec.BytesModel;
import dev.modelregistry.core.ModelRegistry;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The registry's hot paths, each on a real registry in a temporary directory with real SQLite,
 * real fsyncs and a real LightGBM model. Average time per operation.
 *
 * <p>JMH creates one instance per fork; not for use outside JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RegistryBenchmarks {
    private Path dir;
    private ModelRegistry registry;
    private byte[] small;
    private ArtifactInfo oneMiB;
    private ModelRef warm;
    /** Held so that the model from {@code load()} (and the unwrapped {@code model}) stays valid. */
    private dev.modelregistry.api.loading.LoadedModel loaded;
    private TrainedModel model;
    private Endpoint endpoint;
    private double[] row;
    private long requests;

    /** Creates the benchmark state (JMH needs a public no-argument constructor). */
    public RegistryBenchmarks() {
    }

    /**
     * Opens a registry, stores a 1 MiB artifact, trains and deploys a small LightGBM model.
     *
     * @throws IOException if the temporary directory cannot be made
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("model-registry-bench");
        registry = ModelRegistry.open(dir);
        Random random = new Random(1);
        small = new byte[1024];
        random.nextBytes(small);
        byte[] big = new byte[1 << 20];
        random.nextBytes(big);
        ModelVersion blob = registry.versions().register("blob", big, ModelMetadata.of(BytesModel.FORMAT_ID));
        oneMiB = blob.artifact();
        warm = blob.ref();
        registry.models().load(warm);

        Dataset data = BenchmarkFixtures.linear(random);
        ModelVersion trained = BenchmarkFixtures.trainLightGbm(registry, data);
        loaded = registry.models().load(trained.ref());
        model = loaded.unwrap(TrainedModel.class);
        registry.deployer().deploy(trained.ref(), "bench", DeploymentSpec.replace());
        endpoint = registry.deployer().endpoint("bench");
        row = data.row(0);
    }

    /**
     * Closes the registry and deletes its directory.
     *
     * @throws IOException if a file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        registry.close();
        BenchmarkFixtures.deleteTree(dir);
    }

    /**
     * Registers a 1 KiB artifact: blob write with force and directory fsync, then one SQLite
     * transaction with the audit row.
     *
     * @return the new version, so the work is not optimised away
     */
    @Benchmark
    public ModelVersion register1KiB() {
        return registry.versions().register("bench", small, ModelMetadata.of(BytesModel.FORMAT_ID));
    }

    /**
     * Loads a model that is in the cache: a kept resolution of the reference, then a cache hit.
     *
     * @return the model
     */
    @Benchmark
    public Object loadCached() {
        return registry.models().load(warm);
    }

    /**
     * Reads and hashes a 1 MiB artifact, as a cold load does.
     */
    @Benchmark
    public void verify1MiB() {
        registry.storage().verify(oneMiB);
    }

    /**
     * One prediction from a loaded LightGBM model (preprocessing plus native predict).
     *
     * @return the prediction
     */
    @Benchmark
    public double predictModel() {
        return model.predict(row);
    }

    /**
     * One prediction through a deployed endpoint (routing, monitoring, native predict).
     *
     * @return the prediction
     */
    @Benchmark
    public double predictEndpoint() {
        return endpoint.predict(row, "client-" + (requests++ & 1023));
    }
}
