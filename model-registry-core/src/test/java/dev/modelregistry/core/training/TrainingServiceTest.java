package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.UnsupportedFormatException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingJob;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.training.service.ValidationReport;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.market.PriceFeatures;
import dev.modelregistry.core.internal.Stats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TrainingServiceTest {
    static final String TRAINER = "lightgbm";
    @TempDir
    Path dir;
    ModelRegistry registry;

    @BeforeEach
    void open() {
        registry = ModelRegistry.open(dir.resolve("registry"));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void a_stored_model_whose_trainer_module_is_missing_names_the_module() throws IOException {
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        Preprocessor pre = Preprocessor.fit(TrainersThroughTrainingServiceTest.synthetic(10, 1), PreprocessingSpec.none());
        ModelBundle.write(bundle, new ModelBundle.Manifest(1, "ghost", "dev.modelregistry:model-registry-trainer-ghost",
                "ghost-format", "1.0", 5, pre), out -> out.write(new byte[] {1, 2, 3}));
        var v = registry.versions().register("ghost-model", bundle.toByteArray(), ModelMetadata.of(ModelBundle.FORMAT_ID));

        assertThatThrownBy(() -> registry.models().load(v.ref()))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("dev.modelregistry:model-registry-trainer-ghost")
                .hasMessageContaining("'ghost'");
    }

    @Test
    void predictions_by_name_equal_predictions_by_position_and_bad_rows_say_what_is_wrong() {
        try (TrainedModel model = registry.training().train(TrainingRequest.of(TRAINER,
                TrainersThroughTrainingServiceTest.synthetic(300, 2)))) {
            double[] row = {0.1, -0.2, 0.3, 0.4, -0.5};
            assertThat(model.predict(Map.of("x0", 0.1, "x1", -0.2, "x2", 0.3, "x3", 0.4, "x4", -0.5)))
                    .isEqualTo(model.predict(row));
            assertThatThrownBy(() -> model.predict(new double[] {1, 2})).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("has 2 values").hasMessageContaining("expects 5");
            assertThatThrownBy(() -> model.predict(Map.of("x0", 1.0))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("missing features [x1, x2, x3, x4]");
            assertThatThrownBy(() -> model.predict(Map.of("x0", 1.0, "x1", 1.0, "x2", 1.0, "x3", 1.0, "x4", 1.0,
                    "volume", 1.0))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'volume'");
            // NaN and infinities are missing values, not errors.
            assertThat(model.predict(new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0, 0, 0})).isFinite();
        }
    }

    @Test
    void preprocessing_fitted_at_training_is_applied_when_the_loaded_model_serves() {
        Dataset data = TrainersThroughTrainingServiceTest.synthetic(400, 3);
        try (TrainedModel trained = registry.training().train(TrainingRequest.of(TRAINER, data)
                .withPreprocessing(PreprocessingSpec.standard()))) {
            var v = registry.training().register("standardised", trained);
            TrainedModel loaded = registry.models().load(v.ref()).unwrap(TrainedModel.class);
            assertThat(((FittedModel) loaded).preprocessor()).isEqualTo(((FittedModel) trained).preprocessor());
            assertThat(((FittedModel) loaded).preprocessor().center()).hasSize(5);
            assertThat(loaded.predictBatch(data.rows())).isEqualTo(trained.predictBatch(data.rows()));
        }
    }

    @Test
    void top_k_by_importance_keeps_the_features_that_matter() {
        try (TrainedModel model = registry.training().train(TrainingRequest.of(TRAINER,
                TrainersThroughTrainingServiceTest.synthetic(1_000, 4)).withPreprocessing(PreprocessingSpec.none()
                .withTopKByImportance(2)))) {
            assertThat(((FittedModel) model).preprocessor().outputNames()).containsExactly("x0", "x1");
            assertThat(model.metadata().properties()).containsEntry("selected_features", "x0,x1");
        }
    }

    @Test
    void a_trainer_that_names_another_serving_trainer_gets_bundles_that_trainer_reads() throws Exception {
        Trainer lightgbm = registry.training().trainer(TRAINER);
        ObservedTrainer elsewhere = ObservedTrainer.servedByDelegate(lightgbm);
        Dataset data = TrainersThroughTrainingServiceTest.synthetic(300, 3);
        try (DefaultTrainingService service = new DefaultTrainingService(Trainers.of(List.of(elsewhere, lightgbm)),
                registry.versions(), Clock.systemUTC());
                TrainedModel model = service.train(TrainingRequest.of(ObservedTrainer.ID, data))) {
            assertThat(model.trainerId()).as("the trainer the bundle names").isEqualTo(TRAINER);
            assertThat(model.metadata().training().orElseThrow().trainerId()).isEqualTo(ObservedTrainer.ID);
            assertThat(model.metadata().properties()).containsEntry("trainer_module", lightgbm.module());
            ModelVersion v = registry.training().register("trained-elsewhere", model);
            // the registry's own trainers have no 'observed': it loads through lightgbm alone
            TrainedModel loaded = registry.models().load(v.ref()).unwrap(TrainedModel.class);
            assertThat(loaded.predictBatch(data.rows())).isEqualTo(model.predictBatch(data.rows()));
        }
    }

    @Test
    @Timeout(180)
    void walk_forward_validation_reports_each_fold_with_mean_and_std_and_folds_run_in_parallel() {
        Dataset data = TrainersThroughTrainingServiceTest.synthetic(1_200, 5);
        List<Split> folds = Splits.walkForward(data.rowCount(), 4, 100, Splits.Window.EXPANDING, 0, 5, 0);
        // Each training waits (boundedly) until two have started: with parallelism 2 the first two folds
        // meet at once; a service that trained one fold at a time would see only one and fail below.
        ObservedTrainer observed = new ObservedTrainer(registry.training().trainer(TRAINER), 2,
                Duration.ofSeconds(30));
        ValidationReport report;
        try (DefaultTrainingService service = new DefaultTrainingService(Trainers.of(List.of(observed)), registry.versions(),
                Clock.systemUTC())) {
            report = service.validate(TrainingRequest.of(ObservedTrainer.ID, data), folds, 2);
        }
        assertThat(observed.mostAtOnce()).as("folds training at the same moment").isEqualTo(2);

        assertThat(report.folds()).hasSize(4).allSatisfy(f -> assertThat(f.metrics()).containsKeys("rmse", "mae"));
        assertThat(report.mean().get("rmse")).isLessThan(0.5 * Stats.populationStd(data.labels()).getAsDouble());
        // Mean and sample standard deviation of the folds' RMSE, recomputed here from the folds by the
        // textbook formulas; the folds' test windows differ, so the spread is positive.
        double[] rmse = report.folds().stream().mapToDouble(f -> f.metrics().get("rmse")).toArray();
        double mean = Arrays.stream(rmse).sum() / rmse.length;
        double std = Math.sqrt(Arrays.stream(rmse).map(v -> (v - mean) * (v - mean)).sum() / (rmse.length - 1));
        assertThat(report.mean().get("rmse")).isCloseTo(mean, within(1e-12));
        assertThat(report.std().get("rmse")).isPositive().isCloseTo(std, within(1e-12));
    }

    @Test
    @Timeout(180)
    void an_async_job_reports_progress_and_completes() throws Exception {
        TrainingJob job = registry.training().trainAsync(TrainingRequest.of(TRAINER, TrainersThroughTrainingServiceTest.synthetic(500, 6))
                .withSpec(TrainingSpec.defaults().withParameter("rounds", "50")));
        try (TrainedModel model = job.result().get(2, TimeUnit.MINUTES)) {
            assertThat(job.progress().iteration()).isEqualTo(50);
            assertThat(job.progress().fraction()).isEqualTo(1.0);
            assertThat(model.predict(new double[5])).isFinite();
        }
    }

    @Test
    @Timeout(180)
    void native_memory_is_freed_exactly_once_and_only_after_in_flight_predictions_finish() throws Exception {
        TrainedModel trained = registry.training().train(TrainingRequest.of(TRAINER, TrainersThroughTrainingServiceTest.synthetic(200, 7)));
        CountingModel counting = new CountingModel(extractNative(trained));
        TrainedModel model = new FittedModel(TRAINER, "m", "f", "v", ((FittedModel) trained).preprocessor(), counting,
                trained.metadata());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch running = new CountDownLatch(8);
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                running.countDown();
                for (int i = 0; i < 2_000; i++) {
                    try {
                        model.predict(new double[] {0.1, 0.2, 0.3, 0.4, 0.5});
                    } catch (IllegalStateException closed) {
                        return; // started after close(): refused cleanly, never a native crash
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        assertThat(running.await(60, TimeUnit.SECONDS)).as("predicting threads started").isTrue();
        model.close();
        model.close();
        for (Future<?> f : futures) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(failures).hasValue(0);
        assertThat(counting.closes).hasValue(1);
        assertThat(counting.predictionsAfterClose).hasValue(0);
        assertThatThrownBy(() -> model.predict(new double[5])).isInstanceOf(IllegalStateException.class);
        trained.close();
    }

    @Test
    void only_a_model_this_registry_trained_can_be_registered() {
        try (TrainedModel real = registry.training().train(TrainingRequest.of(TRAINER,
                TrainersThroughTrainingServiceTest.synthetic(100, 8)))) {
            TrainedModel foreign = (TrainedModel) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {TrainedModel.class},
                    (proxy, method, args) -> method.invoke(real, args));
            assertThatThrownBy(() -> registry.training().register("foreign", foreign))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("only a model this registry trained can be registered");
            assertThat(registry.versions().models()).noneMatch(m -> m.name().equals("foreign"));
        }
    }

    @Test
    void a_failure_after_training_closes_the_native_model_and_names_the_cause() {
        // A trainer whose models predict NaN: scoring the validation set fails after training succeeded.
        dev.modelregistry.api.training.Trainer real = registry.training().trainer(TRAINER);
        List<CountingModel> trained = new ArrayList<>();
        dev.modelregistry.api.training.Trainer nan = new dev.modelregistry.api.training.TrainerSupport("nan",
                real.formatId(), real.libraryVersion(), real.module(), real.tasks(), real.hyperParameters()) {
            @Override
            public NativeModel train(dev.modelregistry.api.training.TrainingInput input) {
                CountingModel model = new CountingModel(real.train(input)) {
                    @Override
                    public double[] predictBatch(double[][] rows) {
                        double[] out = new double[rows.length];
                        Arrays.fill(out, Double.NaN);
                        return out;
                    }

                    @Override
                    public void close() {
                        super.close();
                        delegate.close();
                    }
                };
                trained.add(model);
                return model;
            }

            @Override
            public NativeModel read(java.io.InputStream in, int featureCount) throws IOException {
                return real.read(in, featureCount);
            }
        };
        Dataset data = TrainersThroughTrainingServiceTest.synthetic(200, 9);
        try (DefaultTrainingService service = new DefaultTrainingService(Trainers.of(List.of(nan)),
                registry.versions(), Clock.systemUTC())) {
            assertThatThrownBy(() -> service.train(TrainingRequest.of("nan", data.slice(0, 150))
                    .withValidation(data.slice(150, 200)))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("prediction of row 0 is NaN");
        }
        assertThat(trained).hasSize(1);
        assertThat(trained.get(0).closes).as("closes of the native model no one else holds").hasValue(1);
    }

    @Test
    void csv_datasets_read_the_eu_stock_data_and_price_features_train_a_model() throws Exception {
        Path csv = Path.of(getClass().getResource("/data/eu_stock_markets.csv").toURI());
        Dataset raw = Datasets.fromCsv(csv, "DAX", Optional.of("day"), List.of("SMI", "CAC", "FTSE"));
        assertThat(raw.rowCount()).isEqualTo(1_860);
        assertThat(raw.times().orElseThrow()[0]).isEqualTo(1);
        assertThat(raw.label(0)).isEqualTo(1628.75);

        double[] dax = raw.labels();
        Dataset features = PriceFeatures.nextDayReturns(dax, raw.times().orElseThrow());
        List<Split> folds = Splits.walkForward(features.rowCount(), 3, 200, Splits.Window.ROLLING, 1_000, 1, 0);
        ValidationReport report = registry.training().validate(TrainingRequest.of(TRAINER, features)
                .withSpec(TrainingSpec.defaults().withParameter("rounds", "30")), folds, 1);
        assertThat(report.folds()).hasSize(3);
        assertThat(report.mean().get("rmse")).isPositive().isLessThan(0.05);
    }

    @Test
    void a_csv_with_a_bad_value_names_its_line_and_column() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "day,a,y\n1,1.5,2\n2,oops,3\n");
        assertThatThrownBy(() -> Datasets.fromCsv(csv, "y", Optional.of("day"), List.of()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("line 3")
                .hasMessageContaining("'a'").hasMessageContaining("oops");
        assertThatThrownBy(() -> Datasets.fromCsv(csv, "missing", Optional.empty(), List.of()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no column 'missing'");
    }

    @Test
    void datasets_from_rows_of_named_values_keep_column_order_and_refuse_missing_labels() {
        Dataset d = Datasets.fromRows(List.of(Map.of("b", 2.0, "a", 1.0, "y", 3.0),
                Map.of("a", 4.0, "b", 5.0, "y", 6.0)), List.of("a", "b"), "y");
        assertThat(d.row(0)).containsExactly(1.0, 2.0);
        assertThat(d.labels()).containsExactly(3.0, 6.0);
        assertThatThrownBy(() -> Datasets.fromRows(List.of(Map.of("a", 1.0, "b", 2.0)), List.of("a", "b"), "y"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("lacks label 'y'");
    }

    private static NativeModel extractNative(TrainedModel model) throws Exception {
        var field = FittedModel.class.getDeclaredField("nativeModel");
        field.setAccessible(true);
        return (NativeModel) field.get(model);
    }

    /** Delegates to a real native model and counts closes and late predictions. */
    static class CountingModel implements NativeModel {
        final NativeModel delegate;
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger predictionsAfterClose = new AtomicInteger();

        CountingModel(NativeModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public double predict(double[] features) {
            if (closes.get() > 0) {
                predictionsAfterClose.incrementAndGet();
            }
            return delegate.predict(features);
        }

        @Override
        public int featureCount() {
            return delegate.featureCount();
        }

        @Override
        public void write(OutputStream out) throws IOException {
            delegate.write(out);
        }

        @Override
        public Optional<Integer> bestIteration() {
            return delegate.bestIteration();
        }

        @Override
        public Map<Integer, Double> featureImportance() {
            return delegate.featureImportance();
        }

        @Override
        public long sizeBytes() {
            return delegate.sizeBytes();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            // The real model is closed with the trained model it came from.
        }
    }
}
