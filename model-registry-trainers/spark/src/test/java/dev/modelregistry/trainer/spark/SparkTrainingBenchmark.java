package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Training time of the same rows on Spark local[1] (one worker) and local[2] (two workers), and with the
 * single-JVM xgboost trainer (threads 1 and 2), as ratios within one run. A main, not JMH: a Spark session per
 * configuration and seconds per sample do not fit JMH's forks, and Spark stays out of model-registry-benchmarks
 * (which the JDK 25 pass builds). Median of {@code reps} runs after one warm-up run each.
 *
 * <p>Run: {@code java <the module's --add-opens flags> -cp <test class path> dev.modelregistry.trainer.spark
 * .SparkTrainingBenchmark [rows] [rounds] [reps]}.
 */
public final class SparkTrainingBenchmark {
    private SparkTrainingBenchmark() {
    }

    /**
     * Runs.
     *
     * @param args rows (200000), rounds (50), reps (3)
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String path = Path.of("target/spark-data/bench-" + rows + ".parquet").toAbsolutePath().toString();
        TrainingSpec spec = TrainingSpec.defaults().withTask(Task.REGRESSION)
                .withParameter("rounds", Integer.toString(rounds)).withParameter("max_depth", "6");
        double[][] x;
        double[] y;
        SparkSession spark = LocalSpark.start(2);
        try {
            LocalSpark.rows(spark, rows, 3, false).write().mode(SaveMode.Overwrite).parquet(path);
            List<Row> all = spark.read().parquet(path).orderBy("id").collectAsList();
            x = new double[all.size()][LocalSpark.FEATURES.size()];
            y = new double[all.size()];
            for (int r = 0; r < all.size(); r++) {
                for (int c = 0; c < x[r].length; c++) {
                    Object v = all.get(r).getAs(LocalSpark.FEATURES.get(c));
                    x[r][c] = v == null ? Double.NaN : ((Number) v).doubleValue();
                }
                y[r] = all.get(r).<Double>getAs("y");
            }
        } finally {
            spark.stop();
        }
        double spark1 = sparkSeconds(1, path, spec, reps);
        double spark2 = sparkSeconds(2, path, spec, reps);
        double single1 = singleSeconds(x, y, spec.withThreads(1), reps);
        double single2 = singleSeconds(x, y, spec.withThreads(2), reps);
        System.out.printf("rows %d, rounds %d, max_depth 6, median of %d%n", rows, rounds, reps);
        System.out.printf("spark local[1], 1 worker : %.2f s%n", spark1);
        System.out.printf("spark local[2], 2 workers: %.2f s%n", spark2);
        System.out.printf("single JVM, 1 thread     : %.2f s%n", single1);
        System.out.printf("single JVM, 2 threads    : %.2f s%n", single2);
        System.out.printf("local[1] / local[2]      : %.2fx%n", spark1 / spark2);
        System.out.printf("local[2] / single 2 thr  : %.2fx%n", spark2 / single2);
        System.out.printf("local[1] / single 1 thr  : %.2fx%n", spark1 / single1);
    }

    private static double sparkSeconds(int cores, String path, TrainingSpec spec, int reps) {
        SparkSession spark = LocalSpark.start(cores);
        try {
            SparkXGBoostTrainer trainer = new SparkXGBoostTrainer(spark, cores);
            SparkTrainingRequest request = SparkTrainingRequest.of(trainer.read(path), LocalSpark.FEATURES, "y")
                    .withSpec(spec.withThreads(1)).withPreprocessing(PreprocessingSpec.none());
            double[] s = new double[reps + 1];
            for (int i = 0; i <= reps; i++) {
                long t = System.nanoTime();
                trainer.train(request).model().close();
                s[i] = (System.nanoTime() - t) / 1e9;
            }
            return median(Arrays.copyOfRange(s, 1, s.length));
        } finally {
            spark.stop();
        }
    }

    private static double singleSeconds(double[][] x, double[] y, TrainingSpec spec, int reps) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-registry-");
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            TrainingRequest request = TrainingRequest.of("xgboost",
                    dev.modelregistry.api.training.Dataset.of(LocalSpark.FEATURES, x, y)).withSpec(spec);
            double[] s = new double[reps + 1];
            for (int i = 0; i <= reps; i++) {
                long t = System.nanoTime();
                try (TrainedModel m = registry.training().train(request)) {
                    s[i] = (System.nanoTime() - t) / 1e9;
                }
            }
            return median(Arrays.copyOfRange(s, 1, s.length));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
