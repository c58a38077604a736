package dev.modelregistry.trainer.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.Imputation;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trains once on 200,000 generated rows in local[2] (two xgboost workers), registers the result, and checks that
 * the version serves without Spark with Spark's own predictions, and that distributed scoring equals single-JVM
 * scoring bit for bit.
 */
class SparkXGBoostTrainerTest {
    private static final long ROWS = 200_000;
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private static SparkSession spark;
    private static ModelRegistry registry;
    private static Path registryDir;
    private static SparkTrainingRequest request;
    private static SparkTrainingResult result;
    private static ModelVersion version;
    private static Dataset<Row> data;

    @BeforeAll
    static void train_and_register() throws IOException {
        spark = LocalSpark.start(2);
        // Written and read back as Parquet, so training reads from a path as a cluster job would.
        String path = TARGET.resolve("spark-data/rows-200k.parquet").toString();
        LocalSpark.rows(spark, ROWS, 7, false).write().mode(SaveMode.Overwrite).parquet(path);
        SparkXGBoostTrainer trainer = new SparkXGBoostTrainer(spark, 2);
        data = trainer.read(path);
        request = SparkTrainingRequest.of(data, LocalSpark.FEATURES, "y")
                .withSpec(TrainingSpec.defaults().withTask(Task.REGRESSION).withParameter("rounds", "20")
                        .withParameter("max_depth", "5").withParameter("eta", "0.3").withThreads(1))
                .withPreprocessing(PreprocessingSpec.standard().withImputation(Imputation.MEAN));
        result = trainer.train(request);
        registryDir = Files.createTempDirectory(TARGET, "spark-registry-");
        registry = ModelRegistry.open(registryDir);
        version = registry.training().register("spark-trained", result.model());
    }

    @AfterAll
    static void stop() {
        if (result != null) {
            result.model().close();
        }
        if (registry != null) {
            registry.close();
        }
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void the_registered_version_names_the_plain_xgboost_trainer_and_records_spark_training() {
        assertThat(data.count()).isEqualTo(ROWS);
        assertThat(result.model().trainerId()).isEqualTo("xgboost");
        assertThat(version.metadata().training().orElseThrow().trainerId()).isEqualTo(SparkXGBoostTrainer.ID);
        assertThat(version.metadata().training().orElseThrow().rowCount()).isEqualTo(ROWS);
        assertThat(version.metadata().properties()).containsEntry("spark_workers", "2");
    }

    @Test
    void a_jvm_without_spark_serves_the_version_with_the_predictions_of_sparks_own_transform() throws Exception {
        List<Row> sample = data.orderBy("id").limit(1_000).collectAsList();
        double[][] rows = features(sample);
        double[] sparkPredictions = result.transformWithSpark(data.orderBy("id").limit(1_000), request)
                .select("prediction").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();

        Path in = Files.createTempFile(TARGET, "rows-", ".bin");
        Path out = Files.createTempFile(TARGET, "predictions-", ".bin");
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(in)))) {
            o.writeInt(rows.length);
            o.writeInt(rows[0].length);
            for (double[] row : rows) {
                for (double v : row) {
                    o.writeDouble(v);
                }
            }
        }
        // This module's own classes too: a serving JVM may have the module (its trainer is then found) but no Spark.
        String classPath = String.join(java.io.File.pathSeparator, TARGET.resolve("test-classes").toString(),
                TARGET.resolve("classes").toString(),
                Files.readString(Path.of(System.getProperty("modelregistry.plainClasspath"))).strip(),
                System.getProperty("modelregistry.plainXgboost"));
        assertThat(classPath).doesNotContain("spark-core").doesNotContain("scala-library")
                .doesNotContain("xgboost4j-spark");
        // the child opens the same registry directory: this JVM lets go of it meanwhile
        registry.close();
        registry = null;
        Process child;
        try {
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + TARGET, "-cp", classPath, PlainServing.class.getName(), registryDir.toString(),
                version.ref().toString(), in.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(TARGET.resolve("plain-serving.log").toFile()).start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            registry = ModelRegistry.open(registryDir);
        }
        assertThat(child.exitValue()).as(Files.readString(TARGET.resolve("plain-serving.log"))).isZero();

        double[] served = new double[rows.length];
        try (DataInputStream i = new DataInputStream(Files.newInputStream(out))) {
            assertThat(i.readUTF()).isEqualTo("xgboost");
            for (int r = 0; r < served.length; r++) {
                served[r] = Double.longBitsToDouble(i.readLong());
            }
            assertThat(i.readUTF()).as("training with this module but no Spark")
                    .startsWith("dev.modelregistry.api.InvalidArgumentException: trainer 'xgboost-spark' needs Apache"
                            + " Spark 3.5 on the class path");
        }
        assertThat(served).containsExactly(sparkPredictions);
        assertThat(result.model().predictBatch(rows)).containsExactly(sparkPredictions);
    }

    @Test
    void distributed_batch_scoring_equals_single_jvm_scoring_bit_for_bit() {
        Dataset<Row> some = data.where(col("id").lt(20_000));
        List<Row> scored = SparkScoring.score(registry, version.ref(), some, "score").orderBy("id")
                .select("id", "score").collectAsList();
        double[][] rows = features(some.orderBy("id").collectAsList());
        TrainedModel single = registry.models().load(ModelRef.parse(version.ref().toString()))
                .unwrap(TrainedModel.class);
        double[] expected = single.predictBatch(rows);
        assertThat(scored).hasSize(20_000);
        long[] distributedBits = scored.stream().mapToLong(r -> Double.doubleToRawLongBits(r.getDouble(1))).toArray();
        long[] singleBits = new long[expected.length];
        for (int i = 0; i < expected.length; i++) {
            singleBits[i] = Double.doubleToRawLongBits(expected[i]);
        }
        assertThat(distributedBits).containsExactly(singleBits);
    }

    private static double[][] features(List<Row> rows) {
        List<double[]> out = new ArrayList<>();
        for (Row r : rows) {
            double[] x = new double[LocalSpark.FEATURES.size()];
            for (int c = 0; c < x.length; c++) {
                Object v = r.getAs(LocalSpark.FEATURES.get(c));
                x[c] = v == null ? Double.NaN : ((Number) v).doubleValue();
            }
            out.add(x);
        }
        return out.toArray(double[][]::new);
    }
}
