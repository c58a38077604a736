package dev.modelregistry.trainer.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.Trainer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class XGBoostTrainerTest {
    private final Trainer trainer = new XGBoostTrainerProvider().trainer();

    private NativeModel train(TrainingSpec spec, Dataset data) {
        return trainer.train(TrainingInput.of(trainer, spec, data, Optional.empty(), TrainingContext.NONE));
    }

    /** One thread: the suite runs on small, shared machines, where OpenMP teams only add waiting. */
    private static TrainingSpec regression() {
        return TrainingSpec.defaults();
    }

    private static byte[] bytesOf(NativeModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    @Nested
    class Regression {

        @Test
        void predicts_held_out_rows_far_better_than_the_mean() {
            Dataset all = SyntheticData.linear(7, 2000);
            Dataset train = all.slice(0, 1500);
            Dataset test = all.slice(1500, 2000);

            try (NativeModel model = train(regression(), train)) {
                double rmse = SyntheticData.rmse(model.predictBatch(test.rows()), test);

                assertThat(rmse).isLessThan(0.3 * SyntheticData.std(test.labels()));
                assertThat(model.featureCount()).isEqualTo(3);
                assertThat(model.bestIteration()).isEmpty();
            }
        }

        @Test
        void one_row_predictions_match_batch_predictions() {
            Dataset data = SyntheticData.linear(8, 300);
            try (NativeModel model = train(regression(), data)) {
                double[] batch = model.predictBatch(data.rows());
                for (int r = 0; r < 20; r++) {
                    assertThat(model.predict(data.row(r))).isEqualTo(batch[r]);
                }
            }
        }

        @Test
        void missing_values_are_accepted_in_training_and_prediction() {
            Random random = new Random(3);
            double[][] rows = SyntheticData.gaussianRows(random, 500, 3);
            for (int r = 0; r < rows.length; r += 7) {
                rows[r][1] = Double.NaN;
            }
            Dataset data = SyntheticData.dataset(rows, x -> Double.isNaN(x[1]) ? 5 : x[0]);

            try (NativeModel model = train(regression(), data)) {
                assertThat(model.predict(new double[] {0, Double.NaN, 0})).isCloseTo(5, offset(0.5));
                assertThat(model.predict(new double[] {0, Double.POSITIVE_INFINITY, 0})).isFinite();
            }
        }

        @Test
        void feature_importance_favours_the_features_that_matter() {
            try (NativeModel model = train(regression(), SyntheticData.linear(9, 1000))) {
                var importance = model.featureImportance();

                assertThat(importance).containsKeys(0, 1);
                assertThat(importance.get(0)).isGreaterThan(importance.getOrDefault(2, 0.0));
                assertThat(importance.get(1)).isGreaterThan(importance.getOrDefault(2, 0.0));
            }
        }
    }

    @Nested
    class BinaryClassification {

        @Test
        void learns_aseparable_rule() {
            Dataset all = SyntheticData.separable(11, 2000);
            Dataset train = all.slice(0, 1500);
            Dataset test = all.slice(1500, 2000);

            try (NativeModel model = train(regression().withTask(Task.BINARY_CLASSIFICATION), train)) {
                double[] p = model.predictBatch(test.rows());
                int correct = 0;
                for (int r = 0; r < p.length; r++) {
                    assertThat(p[r]).isBetween(0.0, 1.0);
                    correct += (p[r] > 0.5 ? 1 : 0) == (int) test.label(r) ? 1 : 0;
                }

                assertThat(correct / (double) p.length).isGreaterThan(0.9);
            }
        }

        @Test
        void a_single_class_still_trains_and_predicts_it() {
            Dataset data = SyntheticData.dataset(SyntheticData.gaussianRows(new Random(1), 50, 2), x -> 0);

            try (NativeModel model = train(regression().withTask(Task.BINARY_CLASSIFICATION), data)) {
                assertThat(model.predict(data.row(0))).isBetween(0.0, 0.5);
            }
        }

        @Test
        void refuses_labels_other_than_zero_and_one() {
            Dataset data = SyntheticData.dataset(SyntheticData.gaussianRows(new Random(1), 50, 2), x -> 2);

            assertThatThrownBy(() -> train(regression().withTask(Task.BINARY_CLASSIFICATION), data))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("0 or 1");
        }
    }

    @Nested
    class HyperParameterChecks {

        @Test
        void an_unknown_parameter_is_refused_by_name() {
            assertThatThrownBy(() -> train(regression().withParameter("learning_rate_typo", "0.1"),
                    SyntheticData.linear(1, 50)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("learning_rate_typo");
        }

        @Test
        void an_out_of_range_parameter_is_refused_by_name() {
            assertThatThrownBy(() -> train(regression().withParameter("max_depth", "65"), SyntheticData.linear(1, 50)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("max_depth");
            assertThatThrownBy(() -> train(regression().withParameter("eta", "1.5"), SyntheticData.linear(1, 50)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("eta");
        }

        @Test
        void parameters_are_checked_before_training_starts() {
            AtomicInteger iterations = new AtomicInteger();
            TrainingContext counting = new TrainingContext() {
                @Override
                public boolean cancelled() {
                    return false;
                }

                @Override
                public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                    iterations.incrementAndGet();
                }
            };
            assertThatThrownBy(() -> trainer.train(TrainingInput.of(trainer, regression().withParameter("rounds", "0"),
                    SyntheticData.linear(1, 50), Optional.empty(), counting))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("rounds");
            assertThat(iterations).hasValue(0);
        }

        @Test
        void given_parameters_change_the_model() {
            Dataset data = SyntheticData.linear(2, 400);
            try (NativeModel shallow = train(regression().withParameter("max_depth", "1").withParameter("rounds", "5"),
                    data); NativeModel deep = train(regression(), data)) {
                assertThat(shallow.predictBatch(data.rows())).isNotEqualTo(deep.predictBatch(data.rows()));
            }
        }
    }

    @Nested
    class TrainingLoop {

        @Test
        void reports_every_round_with_the_validation_metric() {
            List<OptionalDouble> metrics = new ArrayList<>();
            TrainingContext recording = new TrainingContext() {
                @Override
                public boolean cancelled() {
                    return false;
                }

                @Override
                public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                    assertThat(iteration).isEqualTo(metrics.size() + 1);
                    assertThat(total).isEqualTo(10);
                    metrics.add(validationMetric);
                }
            };
            Dataset all = SyntheticData.linear(4, 600);
            TrainingInput input = TrainingInput.of(trainer, regression().withParameter("rounds", "10"), all.slice(0, 400),
                    Optional.of(all.slice(400, 600)), recording);

            trainer.train(input).close();

            assertThat(metrics).hasSize(10).allMatch(OptionalDouble::isPresent);
            assertThat(metrics.get(9).getAsDouble()).isLessThan(metrics.get(0).getAsDouble());
        }

        @Test
        void cancellation_stops_within_afew_rounds() {
            AtomicInteger iterations = new AtomicInteger();
            TrainingContext cancelAfterThree = new TrainingContext() {
                @Override
                public boolean cancelled() {
                    return iterations.get() >= 3;
                }

                @Override
                public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                    iterations.incrementAndGet();
                }
            };
            TrainingInput input = TrainingInput.of(trainer, regression().withParameter("rounds", "1000"),
                    SyntheticData.linear(5, 500), Optional.empty(), cancelAfterThree);

            assertThatThrownBy(() -> trainer.train(input)).isInstanceOf(TrainingCancelledException.class);
            assertThat(iterations.get()).isBetween(3, 5);
        }

        @Test
        void early_stopping_on_noise_stops_long_before_the_last_round_and_keeps_the_best() throws IOException {
            AtomicInteger iterations = new AtomicInteger();
            List<Double> metrics = new ArrayList<>();
            TrainingContext counting = new TrainingContext() {
                @Override
                public boolean cancelled() {
                    return false;
                }

                @Override
                public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                    iterations.incrementAndGet();
                    metrics.add(validationMetric.getAsDouble());
                }
            };
            Dataset all = SyntheticData.noise(6, 1000);
            Dataset validation = all.slice(800, 1000);
            TrainingInput input = TrainingInput.of(trainer,
                    regression().withParameter("rounds", "500").withEarlyStopping(5), all.slice(0, 800),
                    Optional.of(validation), counting);

            try (NativeModel model = trainer.train(input)) {
                int best = model.bestIteration().orElseThrow();

                assertThat(iterations.get()).isLessThan(100).isEqualTo(best + 5);
                assertThat(metrics.get(best - 1)).isEqualTo(metrics.stream().mapToDouble(d -> d).min().orElseThrow());
                // The model kept is the best round's: its validation RMSE is the best metric seen.
                double rmse = SyntheticData.rmse(model.predictBatch(validation.rows()), validation);
                assertThat(rmse).isCloseTo(metrics.get(best - 1), offset(1e-4));
                // The best iteration survives writing and reading.
                try (NativeModel read = trainer.read(new ByteArrayInputStream(bytesOf(model)), 5)) {
                    assertThat(read.bestIteration()).contains(best);
                }
            }
        }

        @Test
        void without_validation_data_early_stopping_is_off_and_all_rounds_run() {
            AtomicInteger iterations = new AtomicInteger();
            TrainingContext counting = new TrainingContext() {
                @Override
                public boolean cancelled() {
                    return false;
                }

                @Override
                public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                    assertThat(validationMetric).isEmpty();
                    iterations.incrementAndGet();
                }
            };
            TrainingInput input = TrainingInput.of(trainer, regression().withParameter("rounds", "20").withEarlyStopping(2),
                    SyntheticData.noise(1, 200), Optional.empty(), counting);

            try (NativeModel model = trainer.train(input)) {
                assertThat(iterations).hasValue(20);
                assertThat(model.bestIteration()).isEmpty();
            }
        }

        @Test
        void validation_data_of_another_width_is_refused() {
            assertThatThrownBy(() -> trainer.train(TrainingInput.of(trainer, regression(), SyntheticData.linear(1, 100),
                    Optional.of(SyntheticData.noise(1, 100)), TrainingContext.NONE)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("5").hasMessageContaining("3");
        }

        @Test
        void same_seed_and_threads_give_identical_models() throws IOException {
            Dataset data = SyntheticData.linear(12, 1000);
            TrainingSpec spec = regression().withThreads(2).withSeed(99).withParameter("subsample", "0.7")
                    .withParameter("colsample_bytree", "0.8");
            double[][] rows = SyntheticData.gaussianRows(new Random(13), 500, 3);

            try (NativeModel a = train(spec, data); NativeModel b = train(spec, data)) {
                assertThat(a.predictBatch(rows)).isEqualTo(b.predictBatch(rows));
                assertThat(bytesOf(a)).isEqualTo(bytesOf(b));
            }
        }

        @Test
        void any_long_seed_is_accepted() {
            Dataset data = SyntheticData.linear(14, 200);
            for (long seed : new long[] {-1L, Long.MIN_VALUE, Long.MAX_VALUE}) {
                try (NativeModel model = train(regression().withSeed(seed).withParameter("rounds", "3"), data)) {
                    assertThat(model.predict(data.row(0))).isFinite();
                }
            }
        }

        @Test
        void a_context_cancelled_from_the_start_runs_no_round() {
            AtomicInteger iterations = new AtomicInteger();
            TrainingContext cancelled = new TrainingContext() {
                @Override
                public boolean cancelled() {
                    return true;
                }

                @Override
                public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                    iterations.incrementAndGet();
                }
            };
            TrainingInput input = TrainingInput.of(trainer, regression(), SyntheticData.linear(5, 100), Optional.empty(),
                    cancelled);

            assertThatThrownBy(() -> trainer.train(input)).isInstanceOf(TrainingCancelledException.class)
                    .hasMessageContaining("0 of 100");
            assertThat(iterations).hasValue(0);
        }

        @Test
        void another_seed_gives_another_model_when_sampling() {
            Dataset data = SyntheticData.linear(12, 1000);
            TrainingSpec spec = regression().withParameter("subsample", "0.5");
            double[][] rows = SyntheticData.gaussianRows(new Random(13), 100, 3);

            try (NativeModel a = train(spec.withSeed(1), data); NativeModel b = train(spec.withSeed(2), data)) {
                assertThat(a.predictBatch(rows)).isNotEqualTo(b.predictBatch(rows));
            }
        }
    }

    @Nested
    class Persistence {

        @Test
        void write_then_read_gives_bit_identical_predictions() throws IOException {
            double[][] rows = SyntheticData.gaussianRows(new Random(21), 1000, 3);
            for (int r = 0; r < rows.length; r += 10) {
                rows[r][r % 3] = Double.NaN;
            }
            try (NativeModel model = train(regression(), SyntheticData.linear(20, 2000))) {
                byte[] bytes = bytesOf(model);
                try (NativeModel read = trainer.read(new ByteArrayInputStream(bytes), 3)) {
                    double[] expected = model.predictBatch(rows);
                    double[] actual = read.predictBatch(rows);
                    for (int r = 0; r < rows.length; r++) {
                        assertThat(Double.doubleToRawLongBits(actual[r]))
                                .as("row %d", r).isEqualTo(Double.doubleToRawLongBits(expected[r]));
                        assertThat(read.predict(rows[r])).isEqualTo(expected[r]);
                    }
                    assertThat(bytesOf(read)).isEqualTo(bytes);
                    assertThat(read.sizeBytes()).isEqualTo(bytes.length);
                    assertThat(model.sizeBytes()).isEqualTo(bytes.length);
                }
            }
        }

        @Test
        void writes_xgboosts_ubjson_model_format() throws IOException {
            try (NativeModel model = train(regression().withParameter("rounds", "3"), SyntheticData.linear(1, 100))) {
                byte[] bytes = bytesOf(model);

                // UBJSON object marker, then the key "learner" as a length-prefixed string.
                assertThat(bytes[0]).isEqualTo((byte) '{');
                assertThat(new String(bytes, 0, 20, StandardCharsets.ISO_8859_1)).contains("learner");
            }
        }

        @Test
        void garbage_is_refused_with_io_exception() {
            byte[] garbage = "not a model".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> trainer.read(new ByteArrayInputStream(garbage), 3))
                    .isInstanceOf(IOException.class);
        }

        @Test
        void a_model_of_another_width_is_refused_with_io_exception() throws IOException {
            try (NativeModel model = train(regression().withParameter("rounds", "3"), SyntheticData.linear(1, 100))) {
                byte[] bytes = bytesOf(model);

                assertThatThrownBy(() -> trainer.read(new ByteArrayInputStream(bytes), 4))
                        .isInstanceOf(IOException.class).hasMessageContaining("3").hasMessageContaining("4");
            }
        }
    }

    @Nested
    class ModelLifecycle {

        @Test
        void a_row_of_the_wrong_width_is_refused_saying_expected_and_actual() {
            try (NativeModel model = train(regression().withParameter("rounds", "3"), SyntheticData.linear(1, 100))) {
                assertThatThrownBy(() -> model.predict(new double[] {1, 2}))
                        .isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("2 features").hasMessageContaining("expected 3");
                assertThatThrownBy(() -> model.predictBatch(new double[][] {{1, 2, 3}, {1, 2, 3, 4}}))
                        .isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("row 1").hasMessageContaining("expected 3");
            }
        }

        @Test
        void close_is_idempotent_and_later_calls_fail() {
            NativeModel model = train(regression().withParameter("rounds", "3"), SyntheticData.linear(1, 100));
            model.close();
            model.close();

            assertThatThrownBy(() -> model.predict(new double[] {1, 2, 3})).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> model.predictBatch(new double[0][])).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> bytesOf(model)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(model::featureImportance).isInstanceOf(IllegalStateException.class);
        }

        @Test
        @Timeout(120)
        void close_from_many_threads_disposes_once() throws Exception {
            NativeModel model = train(regression().withParameter("rounds", "3"), SyntheticData.linear(1, 100));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    futures.add(pool.submit(model::close));
                }
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdown();
            }
            assertThatThrownBy(() -> model.predict(new double[] {1, 2, 3})).isInstanceOf(IllegalStateException.class);
        }

        @Test
        @Timeout(120)
        void concurrent_predictions_agree_with_sequential_ones() throws Exception {
            double[][] rows = SyntheticData.gaussianRows(new Random(31), 200, 3);
            try (NativeModel model = train(regression(), SyntheticData.linear(30, 1000))) {
                double[] expected = model.predictBatch(rows);
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<double[]>> futures = new ArrayList<>();
                    for (int t = 0; t < 64; t++) {
                        int offset = t;
                        futures.add(pool.submit(() -> {
                            double[] out = new double[rows.length];
                            for (int i = 0; i < rows.length; i++) {
                                int r = (i + offset) % rows.length;
                                out[r] = model.predict(rows[r]);
                            }
                            return out;
                        }));
                    }
                    for (Future<double[]> f : futures) {
                        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
                    }
                } finally {
                    pool.shutdown();
                }
            }
        }
    }
}
