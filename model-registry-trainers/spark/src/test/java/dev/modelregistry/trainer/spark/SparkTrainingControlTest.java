package dev.modelregistry.trainer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainingProgress;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.WalkForward;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancel, early stopping with progress, and walk-forward folds as Spark jobs, in local[2]. */
class SparkTrainingControlTest {
    private static SparkSession spark;
    private static SparkXGBoostTrainer trainer;
    private static final AtomicInteger JOBS = new AtomicInteger();
    private static final AtomicInteger TRAINING_JOBS = new AtomicInteger();

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                JOBS.incrementAndGet();
                // xgboost4j-spark's barrier stage, which boosts
                if (jobStart.stageInfos().exists(s -> s.rddInfos().exists(r -> r.isBarrier()))) {
                    TRAINING_JOBS.incrementAndGet();
                }
            }
        });
        trainer = new SparkXGBoostTrainer(spark, 2);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /**
     * One worker. Two things stop it once Spark cancels the job: the per-round hook's check of the killed task, and
     * the hook's metric allreduce, which fails once the job's tracker is gone (with the hook's check disabled on
     * purpose, this test still passed, stopping after 31 worker-rounds).
     */
    @Test
    @Timeout(120)
    void cancel_stops_a_one_worker_spark_training_within_a_bounded_number_of_rounds() throws Exception {
        cancelAfterTenRounds(new SparkXGBoostTrainer(spark, 1));
    }

    @Test
    @Timeout(120)
    void cancel_stops_a_two_worker_spark_training_within_a_bounded_number_of_rounds() throws Exception {
        cancelAfterTenRounds(trainer);
    }

    private static void cancelAfterTenRounds(SparkXGBoostTrainer trainer) throws Exception {
        Dataset<Row> data = LocalSpark.rows(spark, 40_000, 11, false).cache();
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicLong roundsAtCancel = new AtomicLong(-1);
        long before = RoundHook.ROUNDS_IN_THIS_JVM.get();
        Thread canceller = new Thread(() -> {
            // cancel once both workers are boosting, a few rounds in
            while (RoundHook.ROUNDS_IN_THIS_JVM.get() - before < 10) {
                Thread.onSpinWait();
            }
            roundsAtCancel.set(RoundHook.ROUNDS_IN_THIS_JVM.get() - before);
            cancel.set(true);
        });
        canceller.setDaemon(true);
        canceller.start();
        SparkTrainingRequest request = SparkTrainingRequest.of(data, LocalSpark.FEATURES, "y")
                .withSpec(TrainingSpec.defaults().withParameter("rounds", "100000").withParameter("max_depth", "3"))
                .withCancel(cancel::get);

        assertThatThrownBy(() -> trainer.train(request)).isInstanceOf(TrainingCancelledException.class);

        // Every worker has stopped: the count no longer moves. Bounded: the driver polls every 100 ms and each
        // worker stops at its next round once Spark killed its task.
        long stoppedAt = RoundHook.ROUNDS_IN_THIS_JVM.get() - before;
        Thread.sleep(1_000);
        assertThat(RoundHook.ROUNDS_IN_THIS_JVM.get() - before).isEqualTo(stoppedAt);
        System.out.printf("cancel: %d worker-rounds when cancelled, %d when every worker had stopped%n",
                roundsAtCancel.get(), stoppedAt);
        assertThat(stoppedAt - roundsAtCancel.get()).isLessThan(400);
        assertThat(stoppedAt).isLessThan(100_000);
        data.unpersist();
    }

    /**
     * Progress while the barrier stage runs: the rounds come with executor heartbeats (every 250 ms here), each with
     * its validation metric, and cancelling from the listener ends the training with no round heard past it.
     */
    @Test
    @Timeout(120)
    void live_progress_hears_rounds_with_their_validation_metric_while_spark_trains() {
        Dataset<Row> train = LocalSpark.rows(spark, 20_000, 41, false);
        Dataset<Row> validation = LocalSpark.rows(spark, 5_000, 42, false);
        List<OptionalDouble> metrics = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        TrainingProgress progress = (i, total, metric) -> {
            metrics.add(metric);
            threads.add(Thread.currentThread().getName());
        };
        SparkTrainingRequest request = SparkTrainingRequest.of(train, LocalSpark.FEATURES, "y")
                .withValidation(validation)
                .withSpec(TrainingSpec.defaults().withParameter("rounds", "100000").withParameter("max_depth", "3")
                        .withParameter("eta", "0.01"))
                .withProgress(progress)
                .withCancel(() -> metrics.size() >= 5);

        assertThatThrownBy(() -> trainer.train(request)).isInstanceOf(TrainingCancelledException.class);

        assertThat(metrics).hasSize(5).allMatch(OptionalDouble::isPresent);
        assertThat(threads).as("reported by the driver's watcher while the stage ran")
                .allMatch("model-registry-spark-watch"::equals);
        // eta 0.01 on a smooth target: the validation RMSE falls round by round
        assertThat(metrics.get(4).getAsDouble()).isLessThan(metrics.get(0).getAsDouble());
    }

    @Test
    void early_stopping_keeps_the_best_round_and_progress_hears_every_round() {
        Dataset<Row> train = LocalSpark.rows(spark, 20_000, 21, true);
        Dataset<Row> validation = LocalSpark.rows(spark, 5_000, 22, true);
        List<Integer> iterations = new ArrayList<>();
        List<OptionalDouble> metrics = new ArrayList<>();
        TrainingProgress progress = (i, total, metric) -> {
            iterations.add(i);
            metrics.add(metric);
        };
        SparkTrainingResult result = trainer.train(SparkTrainingRequest.of(train, LocalSpark.FEATURES, "y")
                .withValidation(validation)
                .withSpec(TrainingSpec.defaults().withTask(Task.BINARY_CLASSIFICATION).withParameter("rounds", "300")
                        .withParameter("eta", "0.8").withParameter("max_depth", "6").withEarlyStopping(3))
                .withPreprocessing(PreprocessingSpec.standard())
                .withProgress(progress));
        try {
            int best = result.model().bestIteration().orElseThrow();
            assertThat(iterations).isNotEmpty().hasSizeLessThan(300);
            assertThat(iterations.get(iterations.size() - 1)).isEqualTo(best + 3);
            // rounds heard live (from heartbeats, while the stage ran) and after it ended alike
            assertThat(metrics).allMatch(OptionalDouble::isPresent);
            assertThat(result.model().metadata().training().orElseThrow().bestIteration()).contains(best);
            assertThat(result.model().metadata().metrics()).containsKey("validation_logloss");
            double[] p = result.model().predictBatch(new double[][] {{1, -1, 0, 0, 0, 0}, {-1, 1, 0, 0, 0, 0}});
            assertThat(p[0]).isGreaterThan(0.5);
            assertThat(p[1]).isLessThan(0.5);
        } finally {
            result.model().close();
        }
    }

    @Test
    void training_reads_a_csv_path_with_its_header_nulls_and_nans() {
        String path = java.nio.file.Path.of("target/spark-data/rows-2k.csv").toAbsolutePath().toString();
        LocalSpark.rows(spark, 2_000, 31, false).write().mode(org.apache.spark.sql.SaveMode.Overwrite)
                .option("header", "true").csv(path);
        Dataset<Row> rows = trainer.read(path);
        assertThat(rows.count()).isEqualTo(2_000);
        assertThat(rows.where("x2 is null").count()).isPositive();
        SparkTrainingResult result = trainer.train(SparkTrainingRequest.of(rows, LocalSpark.FEATURES, "y")
                .withSpec(TrainingSpec.defaults().withParameter("rounds", "5"))
                .withPreprocessing(PreprocessingSpec.standard()));
        try {
            assertThat(result.model().featureNames()).isEqualTo(LocalSpark.FEATURES);
            assertThat(result.model().predict(new double[] {1, -1, Double.NaN, 0, 0, Double.NaN})).isFinite();
        } finally {
            result.model().close();
        }
    }

    @Test
    void walk_forward_with_trainer_xgboost_spark_trains_every_fold_as_spark_jobs() throws Exception {
        Random random = new Random(5);
        int n = 3_000;
        double[][] rows = new double[n][3];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                rows[i][c] = random.nextGaussian();
            }
            labels[i] = 2 * rows[i][0] - rows[i][1] + 0.1 * random.nextGaussian();
        }
        dev.modelregistry.api.training.Dataset data = dev.modelregistry.api.training.Dataset.of(
                List.of("a", "b.c", "d"), rows, labels);
        List<Split> splits = Splits.walkForward(n, 2, 500, Splits.Window.EXPANDING, 0, 0, 0);
        TrainingRequest request = TrainingRequest.of(SparkXGBoostTrainer.ID, data).withSpec(TrainingSpec.defaults()
                .withParameter("rounds", "30").withParameter("max_depth", "3"));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "spark-walk-forward-");
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            int jobsBefore = JOBS.get();
            int trainingsBefore = TRAINING_JOBS.get();

            Predictions p = WalkForward.predictions(registry.training(), request, splits);

            assertThat(p.size()).isEqualTo(1_000);
            assertThat(TRAINING_JOBS.get() - trainingsBefore).as("xgboost training jobs, one per fold").isEqualTo(2);
            assertThat(JOBS.get() - jobsBefore).isGreaterThanOrEqualTo(2);
            double error = 0;
            for (int i = 0; i < p.size(); i++) {
                error += Math.abs(p.predicted()[i] - p.actual()[i]);
            }
            assertThat(error / p.size()).isLessThan(0.5);

            // and a training of the registry's own registers as a Spark training served by the plain trainer
            try (TrainedModel model = registry.training().train(request)) {
                assertThat(model.trainerId()).isEqualTo("xgboost");
                ModelVersion v = registry.training().register("through-the-trainer-api", model);
                assertThat(v.metadata().training().orElseThrow().trainerId()).isEqualTo(SparkXGBoostTrainer.ID);
                assertThat(v.metadata().properties()).containsEntry("trainer_module",
                        "dev.modelregistry:model-registry-trainer-xgboost");
                double[] row = {1, -1, 0};
                TrainedModel loaded = registry.models().load(v.ref()).unwrap(TrainedModel.class);
                assertThat(loaded.predict(row)).isEqualTo(model.predict(row));
            }
        }
    }
}
