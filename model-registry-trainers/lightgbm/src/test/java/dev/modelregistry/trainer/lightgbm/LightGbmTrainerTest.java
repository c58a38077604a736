package dev.modelregistry.trainer.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LightGbmTrainerTest {
    private static final List<String> NAMES = List.of("x0", "x1", "x2");

    private final Trainer trainer = new LightGbmTrainer();

    @Test
    void service_loader_finds_the_provider_by_id() {
        List<TrainerProvider> providers = StreamSupport.stream(ServiceLoader.load(TrainerProvider.class).spliterator(),
                false).collect(Collectors.toList());
        assertThat(providers).extracting(TrainerProvider::id).contains("lightgbm");
        Trainer t = providers.stream().filter(p -> p.id().equals("lightgbm")).findFirst().orElseThrow().trainer();
        assertThat(t.id()).isEqualTo("lightgbm");
        assertThat(t.tasks()).containsExactlyInAnyOrder(Task.REGRESSION, Task.BINARY_CLASSIFICATION);
        assertThat(t.formatId()).isEqualTo("lightgbm-text");
        assertThat(t.libraryVersion()).isEqualTo("4.3.0");
        assertThat(t.module()).isEqualTo("dev.modelregistry:model-registry-trainer-lightgbm");
        assertThat(t.handlesMissingValues()).isTrue();
        assertThat(t.supportsEarlyStopping()).isTrue();
        assertThat(t.hyperParameters()).extracting(p -> p.name()).contains("rounds", "learning_rate",
                "num_leaves", "max_depth", "min_data_in_leaf", "feature_fraction", "bagging_fraction",
                "bagging_freq", "lambda_l1", "lambda_l2");
    }

    @Nested
    class Regression {
        @Test
        void held_out_rmse_is_far_below_predicting_the_mean() {
            Dataset all = linear(2000, 7L);
            Dataset train = all.slice(0, 1500);
            Dataset test = all.slice(1500, 2000);
            try (NativeModel model = trainer.train(input(TrainingSpec.defaults(), train))) {
                double[] predicted = model.predictBatch(test.rows());
                double rmse = rmse(predicted, test.labels());
                assertThat(rmse).isLessThan(0.3 * std(test.labels()));
                assertThat(model.featureCount()).isEqualTo(3);
                assertThat(model.bestIteration()).isEmpty();
            }
        }

        @Test
        void single_and_batch_predictions_agree() {
            Dataset data = linear(500, 8L);
            try (NativeModel model = trainer.train(input(TrainingSpec.defaults(), data))) {
                double[][] rows = data.slice(0, 50).rows();
                double[] batch = model.predictBatch(rows);
                for (int i = 0; i < rows.length; i++) {
                    assertThat(model.predict(rows[i])).isEqualTo(batch[i]);
                }
                assertThat(model.predictBatch(new double[0][])).isEmpty();
            }
        }

        @Test
        void informative_features_carry_the_gain() {
            try (NativeModel model = trainer.train(input(TrainingSpec.defaults(), linear(1000, 9L)))) {
                assertThat(model.featureImportance()).containsOnlyKeys(0, 1, 2);
                assertThat(model.featureImportance().get(0)).isGreaterThan(model.featureImportance().get(2));
                assertThat(model.featureImportance().get(1)).isGreaterThan(model.featureImportance().get(2));
            }
        }
    }

    @Nested
    class WriteAndRead {
        @Test
        void read_back_gives_bit_identical_predictions() throws IOException {
            try (NativeModel model = trainer.train(input(TrainingSpec.defaults(), linear(2000, 11L)))) {
                byte[] bytes = bytes(model);
                assertThat(model.sizeBytes()).as("heap text + one native booster").isEqualTo(2L * bytes.length);
                assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("tree");
                double[][] rows = randomRows(1000, 12L);
                double[] before = model.predictBatch(rows);
                try (NativeModel read = trainer.read(new ByteArrayInputStream(bytes), 3)) {
                    double[] after = read.predictBatch(rows);
                    for (int i = 0; i < rows.length; i++) {
                        assertThat(Double.doubleToRawLongBits(after[i]))
                                .as("row %d", i).isEqualTo(Double.doubleToRawLongBits(before[i]));
                    }
                    assertThat(bytes(read)).isEqualTo(bytes);
                }
            }
        }

        @Test
        void read_refuses_another_width_and_garbage() throws IOException {
            try (NativeModel model = trainer.train(input(TrainingSpec.defaults(), linear(300, 13L)))) {
                byte[] bytes = bytes(model);
                assertThatThrownBy(() -> trainer.read(new ByteArrayInputStream(bytes), 4))
                        .isInstanceOf(IOException.class).hasMessageContaining("3").hasMessageContaining("4");
            }
            assertThatThrownBy(() -> trainer.read(new ByteArrayInputStream(
                    "not a model".getBytes(StandardCharsets.UTF_8)), 3)).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class BinaryClassification {
        @Test
        void learns_aseparable_rule() {
            Random rnd = new Random(21L);
            int n = 2000;
            double[][] rows = new double[n][];
            double[] labels = new double[n];
            for (int i = 0; i < n; i++) {
                rows[i] = new double[] {rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1, rnd.nextDouble()};
                labels[i] = rows[i][0] + rows[i][1] > 0 ? 1 : 0;
            }
            Dataset all = Dataset.of(NAMES, rows, labels);
            Dataset test = all.slice(1500, 2000);
            TrainingSpec spec = TrainingSpec.defaults().withTask(Task.BINARY_CLASSIFICATION);
            try (NativeModel model = trainer.train(input(spec, all.slice(0, 1500)))) {
                double[] p = model.predictBatch(test.rows());
                int correct = 0;
                for (int i = 0; i < p.length; i++) {
                    assertThat(p[i]).isBetween(0.0, 1.0);
                    correct += (p[i] > 0.5 ? 1 : 0) == test.label(i) ? 1 : 0;
                }
                assertThat(correct / (double) p.length).isGreaterThan(0.9);
            }
        }

        @Test
        void refuses_labels_other_than_zero_and_one() {
            double[][] rows = {{0, 0, 0}, {1, 1, 1}};
            Dataset data = Dataset.of(NAMES, rows, new double[] {0, 2});
            TrainingSpec spec = TrainingSpec.defaults().withTask(Task.BINARY_CLASSIFICATION);
            assertThatThrownBy(() -> trainer.train(input(spec, data)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("row 1");
        }
    }

    @Nested
    class HyperParameters {
        @Test
        void unknown_names_are_refused_before_training() {
            RecordingContext ctx = new RecordingContext(Integer.MAX_VALUE);
            TrainingSpec spec = TrainingSpec.defaults().withParameter("num_leafs", "8");
            assertThatThrownBy(() -> trainer.train(TrainingInput.of(trainer, spec, linear(100, 1L), Optional.empty(), ctx)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("num_leafs");
            assertThat(ctx.calls()).isZero();
        }

        @Test
        void out_of_range_values_are_refused_before_training() {
            RecordingContext ctx = new RecordingContext(Integer.MAX_VALUE);
            for (String[] bad : new String[][] {{"num_leaves", "1"}, {"rounds", "0"}, {"max_depth", "-2"},
                    {"learning_rate", "0"}, {"feature_fraction", "1.5"}, {"lambda_l2", "-1"}, {"rounds", "ten"}}) {
                TrainingSpec spec = TrainingSpec.defaults().withParameter(bad[0], bad[1]);
                assertThatThrownBy(() -> trainer.train(TrainingInput.of(trainer, spec, linear(100, 1L), Optional.empty(),
                        ctx))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining(bad[0]);
            }
            assertThat(ctx.calls()).isZero();
        }

        @Test
        void accepted_values_change_the_model() throws IOException {
            Dataset data = linear(500, 2L);
            TrainingSpec spec = TrainingSpec.defaults().withParameter("rounds", "7")
                    .withParameter("num_leaves", "4").withParameter("learning_rate", "1e-1");
            try (NativeModel model = trainer.train(input(spec, data))) {
                String text = new String(bytes(model), StandardCharsets.UTF_8);
                assertThat(countTrees(text)).isEqualTo(7);
                assertThat(text).contains("[num_leaves: 4]");
            }
        }
    }

    @Nested
    class Cancellation {
        @Test
        void stops_within_afew_iterations_once_cancelled() {
            RecordingContext ctx = new RecordingContext(3);
            TrainingSpec spec = TrainingSpec.defaults().withParameter("rounds", "1000");
            assertThatThrownBy(() -> trainer.train(TrainingInput.of(trainer, spec, linear(500, 3L), Optional.empty(), ctx)))
                    .isInstanceOf(TrainingCancelledException.class);
            assertThat(ctx.calls()).isBetween(3, 5);
        }
    }

    @Nested
    class EarlyStopping {
        @Test
        void stops_early_on_noise_and_keeps_the_best_iteration() throws IOException {
            Random rnd = new Random(31L);
            Dataset train = noise(1000, rnd);
            Dataset validation = noise(500, rnd);
            RecordingContext ctx = new RecordingContext(Integer.MAX_VALUE);
            TrainingSpec spec = TrainingSpec.defaults().withParameter("rounds", "500").withEarlyStopping(5);
            try (NativeModel model = trainer.train(TrainingInput.of(trainer, spec, train, Optional.of(validation), ctx))) {
                assertThat(ctx.calls()).isLessThan(100);
                assertThat(ctx.metrics()).hasSize(ctx.calls()).allSatisfy(m -> assertThat(m).isPresent());
                assertThat(model.bestIteration()).isPresent();
                int best = model.bestIteration().orElseThrow();
                assertThat(best).isBetween(1, ctx.calls());
                assertThat(ctx.calls()).isEqualTo(best + 5);
                assertThat(countTrees(new String(bytes(model), StandardCharsets.UTF_8))).isEqualTo(best);
                double bestMetric = ctx.metrics().get(best - 1).getAsDouble();
                assertThat(ctx.metrics()).allSatisfy(m -> assertThat(m.getAsDouble()).isGreaterThanOrEqualTo(bestMetric));
            }
        }

        @Test
        void without_validation_trains_all_rounds() {
            RecordingContext ctx = new RecordingContext(Integer.MAX_VALUE);
            TrainingSpec spec = TrainingSpec.defaults().withParameter("rounds", "20").withEarlyStopping(2);
            try (NativeModel model = trainer.train(TrainingInput.of(trainer, spec, linear(300, 4L), Optional.empty(), ctx))) {
                assertThat(ctx.calls()).isEqualTo(20);
                assertThat(ctx.metrics()).allSatisfy(m -> assertThat(m).isEmpty());
                assertThat(model.bestIteration()).isEmpty();
            }
        }
    }

    @Nested
    class Determinism {
        @Test
        void same_seed_and_threads_give_identical_models() throws IOException {
            Dataset data = linear(1000, 5L);
            // Few rounds: on a busy machine OpenMP teams of 2 threads make each round slow, not different.
            TrainingSpec spec = TrainingSpec.defaults().withThreads(2).withSeed(1234567890123L)
                    .withParameter("rounds", "20")
                    .withParameter("bagging_fraction", "0.7").withParameter("bagging_freq", "1")
                    .withParameter("feature_fraction", "0.7");
            double[][] rows = randomRows(300, 6L);
            try (NativeModel a = trainer.train(input(spec, data)); NativeModel b = trainer.train(input(spec, data));
                    NativeModel c = trainer.train(input(spec.withSeed(99L), data))) {
                assertThat(b.predictBatch(rows)).containsExactly(a.predictBatch(rows));
                assertThat(bytes(b)).isEqualTo(bytes(a));
                assertThat(c.predictBatch(rows)).isNotEqualTo(a.predictBatch(rows));
            }
        }
    }

    @Nested
    class Predictions {
        @Test
        void refuse_awrong_width_naming_both_widths() {
            try (NativeModel model = trainer.train(input(TrainingSpec.defaults(), linear(200, 14L)))) {
                assertThatThrownBy(() -> model.predict(new double[2])).isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("2").hasMessageContaining("expects 3");
                assertThatThrownBy(() -> model.predictBatch(new double[][] {new double[3], new double[4]}))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("row 1")
                        .hasMessageContaining("4").hasMessageContaining("expects 3");
            }
        }

        @Test
        void accept_missing_values() {
            try (NativeModel model = trainer.train(input(TrainingSpec.defaults(), linear(200, 15L)))) {
                assertThat(model.predict(new double[] {Double.NaN, Double.NaN, Double.NaN})).isFinite();
            }
        }

        @Test
        @Timeout(120)
        void are_thread_safe() throws Exception {
            double[][] rows = randomRows(200, 16L);
            try (NativeModel model = trainer.train(input(TrainingSpec.defaults(), linear(500, 16L)))) {
                double[] expected = model.predictBatch(rows);
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<double[]>> futures = new ArrayList<>();
                    for (int t = 0; t < 16; t++) {
                        futures.add(pool.submit(() -> {
                            double[] out = new double[rows.length];
                            for (int i = 0; i < rows.length; i++) {
                                out[i] = model.predict(rows[i]);
                            }
                            return out;
                        }));
                    }
                    for (Future<double[]> f : futures) {
                        assertThat(f.get(60, TimeUnit.SECONDS)).containsExactly(expected);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }

        @Test
        void close_is_idempotent_and_later_predictions_fail() {
            NativeModel model = trainer.train(input(TrainingSpec.defaults(), linear(200, 17L)));
            model.close();
            model.close();
            assertThatThrownBy(() -> model.predict(new double[3])).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(() -> model.predictBatch(new double[][] {new double[3]}))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private TrainingInput input(TrainingSpec spec, Dataset train) {
        return TrainingInput.of(trainer, spec, train, Optional.empty(), TrainingContext.NONE);
    }

    /** y = 3·x0 − 2·x1 + 0.1·noise; x2 is an irrelevant feature. */
    private static Dataset linear(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] rows = new double[n][];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1};
            labels[i] = 3 * rows[i][0] - 2 * rows[i][1] + 0.1 * rnd.nextGaussian();
        }
        return Dataset.of(NAMES, rows, labels);
    }

    private static Dataset noise(int n, Random rnd) {
        double[][] rows = new double[n][];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            labels[i] = rnd.nextGaussian();
        }
        return Dataset.of(NAMES, rows, labels);
    }

    /** Rows over a wider range than training saw, with about 5% missing values. */
    private static double[][] randomRows(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] rows = new double[n][3];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextDouble() < 0.05 ? Double.NaN : rnd.nextDouble() * 3 - 1.5;
            }
        }
        return rows;
    }

    private static byte[] bytes(NativeModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    private static int countTrees(String modelText) {
        return (int) modelText.lines().filter(l -> l.startsWith("Tree=")).count();
    }

    private static double rmse(double[] predicted, double[] actual) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
        }
        return Math.sqrt(sum / actual.length);
    }

    private static double std(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }

    /** Counts iterations and metrics; reports cancelled once {@code cancelAfter} iterations finished. */
    private static final class RecordingContext implements TrainingContext {
        private final int cancelAfter;
        private final AtomicInteger calls = new AtomicInteger();
        private final List<OptionalDouble> metrics = new java.util.concurrent.CopyOnWriteArrayList<>();

        RecordingContext(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public boolean cancelled() {
            return calls.get() >= cancelAfter;
        }

        @Override
        public void iteration(int iteration, int total, OptionalDouble validationMetric) {
            assertThat(iteration).isEqualTo(calls.get() + 1);
            calls.incrementAndGet();
            metrics.add(validationMetric);
        }

        int calls() {
            return calls.get();
        }

        List<OptionalDouble> metrics() {
            return metrics;
        }
    }
}
