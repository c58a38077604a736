package dev.modelregistry.benchmarks;

import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
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
 * One XGBoost row through the registry next to raw xgboost4j in the same run: the raw floor is
 * {@code Booster.inplace_predict} on a booster of our own (one native thread, as the registry sets it)
 * with the row already in floats; {@code rawDMatrixSingleRow} is what the registry did before (build a
 * {@code DMatrix}, predict, free it).
 *
 * <p>JMH creates the states; not for use outside JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class XGBoostHotPathBenchmarks {
    private Path dir;
    private ModelRegistry registry;
    /** Held so that the model from {@code load()} (and the unwrapped {@code model}) stays valid. */
    private dev.modelregistry.api.loading.LoadedModel loaded;
    private TrainedModel model;
    private Endpoint endpoint;
    private double[] row;
    private float[] floatRow;
    private Booster booster;

    /** Creates the benchmark state (JMH needs a public no-argument constructor). */
    public XGBoostHotPathBenchmarks() {
    }

    /**
     * Opens a registry, trains, registers, loads and deploys an XGBoost model, and loads the same model
     * bytes into a raw booster.
     *
     * @throws IOException if the temporary directory or the bundle cannot be read
     * @throws XGBoostError if the raw booster cannot be loaded
     */
    @Setup(Level.Trial)
    public void open() throws IOException, XGBoostError {
        dir = Files.createTempDirectory("model-registry-hot-xgb");
        registry = ModelRegistry.open(dir);
        Random random = new Random(1);
        Dataset data = BenchmarkFixtures.linear(random);
        ModelVersion trained;
        try (TrainedModel fresh = registry.training().train(TrainingRequest.of("xgboost", data))) {
            trained = registry.training().register("xgb", fresh);
        }
        loaded = registry.models().load(trained.ref());
        model = loaded.unwrap(TrainedModel.class);
        registry.deployer().deploy(trained.ref(), "bench-xgb", DeploymentSpec.replace());
        endpoint = registry.deployer().endpoint("bench-xgb");
        row = data.row(0);
        floatRow = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            floatRow[i] = (float) row[i];
        }
        booster = XGBoost.loadModel(BundleBytes.nativeModel(registry, trained.ref()));
        booster.setParam("nthread", 1);
    }

    /**
     * Frees the raw booster, closes the registry and deletes the directory.
     *
     * @throws IOException if a file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        booster.dispose();
        registry.close();
        BenchmarkFixtures.deleteTree(dir);
    }

    /**
     * Baseline: xgboost4j's in-place prediction of one row of floats on a raw booster.
     *
     * @return the prediction
     * @throws XGBoostError if xgboost fails
     */
    @Benchmark
    public float rawInPlaceSingleRow() throws XGBoostError {
        return booster.inplace_predict(floatRow, 1, floatRow.length, Float.NaN)[0][0];
    }

    /**
     * For comparison: one row through a {@code DMatrix} made and freed per call.
     *
     * @return the prediction
     * @throws XGBoostError if xgboost fails
     */
    @Benchmark
    public float rawDMatrixSingleRow() throws XGBoostError {
        DMatrix m = new DMatrix(floatRow, 1, floatRow.length, Float.NaN);
        try {
            return booster.predict(m)[0][0];
        } finally {
            m.dispose();
        }
    }

    /**
     * One row through the loaded {@code TrainedModel}.
     *
     * @return the prediction
     */
    @Benchmark
    public double predictModel() {
        return model.predict(row);
    }

    /**
     * One row through the deployed endpoint.
     *
     * @return the prediction
     */
    @Benchmark
    public double predictEndpoint() {
        return endpoint.predict(row, "client");
    }
}
