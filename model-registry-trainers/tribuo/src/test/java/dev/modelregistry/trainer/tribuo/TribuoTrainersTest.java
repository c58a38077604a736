package dev.modelregistry.trainer.tribuo;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuo.protos.core.ModelProto;

class TribuoTrainersTest {
    private static final List<String> IDS = List.of("tribuo-linear", "tribuo-cart", "tribuo-forest", "tribuo-xgboost");
    private static final int FEATURES = 3;

    private static Dataset train;
    private static Dataset test;
    private static final Map<String, NativeModel> MODELS = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void data() {
        Dataset all = synthetic(1_500, 7L);
        train = all.slice(0, 1_200);
        test = all.slice(1_200, 1_500);
    }

    @AfterAll
    static void closeModels() {
        MODELS.values().forEach(NativeModel::close);
    }

    /** y = 3·x0 − 2·x1 + 0.1·noise; x2 is an irrelevant feature. */
    private static Dataset synthetic(int n, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][FEATURES];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < FEATURES; j++) {
                rows[i][j] = random.nextGaussian();
            }
            labels[i] = 3 * rows[i][0] - 2 * rows[i][1] + 0.1 * random.nextGaussian();
        }
        return Dataset.of(List.of("x0", "x1", "x2"), rows, labels);
    }

    private static Trainer trainer(String id) {
        return providers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow().trainer();
    }

    private static List<TrainerProvider> providers() {
        return StreamSupport.stream(ServiceLoader.load(TrainerProvider.class).spliterator(), false).toList();
    }

    /** Small but adequate settings that keep the test quick. */
    private static TrainingSpec spec(String id) {
        TrainingSpec spec = TrainingSpec.defaults().withThreads(2);
        return switch (id) {
            case "tribuo-forest" -> spec.withParameter("trees", "10");
            case "tribuo-xgboost" -> spec.withParameter("rounds", "50");
            default -> spec;
        };
    }

    private static NativeModel train(String id, TrainingSpec spec, Dataset data, TrainingContext context) {
        Trainer trainer = trainer(id);
        return trainer.train(TrainingInput.of(trainer, spec, data, Optional.empty(), context));
    }

    /** One trained model per trainer, shared by the tests that only read it. */
    private static NativeModel model(String id) {
        return MODELS.computeIfAbsent(id, k -> train(k, spec(k), train, TrainingContext.NONE));
    }

    private static double[][] randomRows(int n, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][FEATURES];
        for (double[] row : rows) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = random.nextGaussian() * 2;
            }
        }
        return rows;
    }

    @Test
    void service_loader_finds_all_four() {
        assertThat(providers().stream().map(TrainerProvider::id).collect(Collectors.toList()))
                .containsExactlyInAnyOrderElementsOf(IDS);
        for (TrainerProvider p : providers()) {
            assertThat(p.trainer().id()).isEqualTo(p.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-linear", "tribuo-cart", "tribuo-forest", "tribuo-xgboost"})
    void describes_itself(String id) {
        Trainer t = trainer(id);
        assertThat(t.tasks()).containsExactly(Task.REGRESSION);
        assertThat(t.formatId()).isEqualTo("tribuo-protobuf");
        assertThat(t.libraryVersion()).isEqualTo("4.3.2");
        assertThat(t.module()).isEqualTo("dev.modelregistry:model-registry-trainer-tribuo");
        assertThat(t.handlesMissingValues()).isFalse();
        assertThat(t.supportsEarlyStopping()).isFalse();
        assertThat(t.hyperParameters()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-linear", "tribuo-cart", "tribuo-forest", "tribuo-xgboost"})
    void learns_the_target(String id) {
        double[] predicted = model(id).predictBatch(test.rows());
        double[] actual = test.labels();
        double mean = java.util.Arrays.stream(actual).average().orElseThrow();
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < actual.length; i++) {
            sse += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        double rmse = Math.sqrt(sse / actual.length);
        double std = Math.sqrt(sst / actual.length);
        assertThat(rmse).as("%s RMSE vs std %s", id, std).isLessThan(0.5 * std);
        if (id.equals("tribuo-linear")) {
            assertThat(rmse).isLessThan(0.3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-linear", "tribuo-cart", "tribuo-forest", "tribuo-xgboost"})
    void write_then_read_predicts_bit_identically(String id) throws IOException {
        NativeModel model = model(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        assertThat(model.sizeBytes()).isPositive();
        double[][] rows = randomRows(1_000, 11L);
        double[] before = model.predictBatch(rows);
        // Any of the four trainers reads the shared format.
        for (String reader : IDS) {
            try (NativeModel read = trainer(reader).read(new ByteArrayInputStream(out.toByteArray()), FEATURES)) {
                assertThat(read.featureCount()).isEqualTo(FEATURES);
                assertThat(read.predictBatch(rows)).containsExactly(before);
                for (int i = 0; i < 20; i++) {
                    assertThat(read.predict(rows[i])).isEqualTo(before[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-linear", "tribuo-cart", "tribuo-forest", "tribuo-xgboost"})
    void unknown_hyper_parameter_is_rejected_before_training(String id) {
        AtomicInteger calls = new AtomicInteger();
        TrainingContext watching = new TrainingContext() {
            @Override
            public boolean cancelled() {
                calls.incrementAndGet();
                return false;
            }

            @Override
            public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                calls.incrementAndGet();
            }
        };
        assertThatThrownBy(() -> train(id, spec(id).withParameter("no_such_thing", "1"), train, watching))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("no_such_thing");
        assertThatThrownBy(() -> train(id, spec(id).withParameter("max_depth", "-3"), train, watching))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(calls).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-linear", "tribuo-cart", "tribuo-forest", "tribuo-xgboost"})
    void cancelled_context_stops_training(String id) {
        TrainingContext cancelled = new TrainingContext() {
            @Override
            public boolean cancelled() {
                return true;
            }

            @Override
            public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                throw new AssertionError("no progress after cancellation");
            }
        };
        assertThatThrownBy(() -> train(id, spec(id), train, cancelled))
                .isInstanceOf(TrainingCancelledException.class);

        // Cancelled while Tribuo trained: the model is discarded.
        AtomicInteger asked = new AtomicInteger();
        TrainingContext cancelledLate = new TrainingContext() {
            @Override
            public boolean cancelled() {
                return asked.incrementAndGet() > 1;
            }

            @Override
            public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                throw new AssertionError("no progress after cancellation");
            }
        };
        assertThatThrownBy(() -> train(id, spec(id), train.slice(0, 200), cancelledLate))
                .isInstanceOf(TrainingCancelledException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-linear", "tribuo-cart", "tribuo-forest", "tribuo-xgboost"})
    void reports_one_iteration_and_same_seed_gives_same_predictions(String id) {
        List<int[]> progress = new ArrayList<>();
        TrainingContext recording = new TrainingContext() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void iteration(int iteration, int total, OptionalDouble validationMetric) {
                progress.add(new int[] {iteration, total});
            }
        };
        Dataset small = train.slice(0, 600);
        double[][] rows = randomRows(500, 3L);
        try (NativeModel a = train(id, spec(id).withSeed(99), small, recording);
                NativeModel b = train(id, spec(id).withSeed(99), small, TrainingContext.NONE)) {
            assertThat(progress).hasSize(1);
            assertThat(progress.get(0)).containsExactly(1, 1);
            assertThat(a.predictBatch(rows)).containsExactly(b.predictBatch(rows));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-linear", "tribuo-cart", "tribuo-forest", "tribuo-xgboost"})
    void wrong_width_and_non_finite_rows_are_rejected(String id) {
        NativeModel model = model(id);
        assertThatThrownBy(() -> model.predict(new double[] {1, 2}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("2 values").hasMessageContaining("expected 3");
        assertThatThrownBy(() -> model.predictBatch(new double[][] {{1, 2, 3}, {1, 2, 3, 4}}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("row 1").hasMessageContaining("expected 3");
        assertThatThrownBy(() -> model.predict(new double[] {1, Double.NaN, 3}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("NaN");

        double[][] rows = train.slice(0, 100).rows();
        rows[42][1] = Double.NaN;
        Dataset withNaN = Dataset.of(train.featureNames(), rows, train.slice(0, 100).labels());
        assertThatThrownBy(() -> train(id, spec(id), withNaN, TrainingContext.NONE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("row 42").hasMessageContaining("NaN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-linear", "tribuo-cart", "tribuo-forest", "tribuo-xgboost"})
    @Timeout(120)
    void predictions_are_thread_safe(String id) throws Exception {
        NativeModel model = model(id);
        double[][] rows = randomRows(400, 5L);
        double[] expected = model.predictBatch(rows);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
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

    @Test
    void classification_is_refused() {
        assertThatThrownBy(() -> train("tribuo-linear", TrainingSpec.defaults().withTask(Task.BINARY_CLASSIFICATION),
                train, TrainingContext.NONE)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("REGRESSION");
    }

    @Test
    void forest_refuses_all_features_per_split_by_range() {
        assertThatThrownBy(() -> train("tribuo-forest", spec("tribuo-forest").withParameter("feature_fraction", "1.0"),
                train, TrainingContext.NONE)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("feature_fraction");
    }

    @Test
    void predict_after_close_throws() {
        NativeModel model = train("tribuo-cart", spec("tribuo-cart"), train.slice(0, 200), TrainingContext.NONE);
        model.close();
        model.close();
        assertThatThrownBy(() -> model.predict(new double[] {1, 2, 3})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> model.predictBatch(new double[][] {{1, 2, 3}}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void linear_importance_favours_the_real_features() {
        Map<Integer, Double> importance = model("tribuo-linear").featureImportance();
        assertThat(importance).containsOnlyKeys(0, 1, 2);
        assertThat(importance.get(0)).isGreaterThan(importance.get(1)).isGreaterThan(importance.get(2));
        assertThat(model("tribuo-xgboost").featureImportance()).containsKeys(0, 1);
        assertThat(model("tribuo-cart").featureImportance()).isEmpty();
    }

    @Test
    void read_refuses_what_is_not_atribuo_regression_model() throws IOException {
        Trainer reader = trainer("tribuo-cart");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}), FEATURES))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(new byte[0]), FEATURES))
                .isInstanceOf(IOException.class).hasMessageContaining("not a Tribuo regression model");

        // A class name outside the allow-list is refused before Tribuo would load it.
        byte[] foreign = ModelProto.newBuilder().setVersion(0).setClassName("java.lang.Runtime").build().toByteArray();
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(foreign), FEATURES))
                .isInstanceOf(IOException.class).hasMessageContaining("java.lang.Runtime");

        // An allowed class with corrupt content is an IOException, not a runtime failure.
        byte[] empty = ModelProto.newBuilder().setVersion(0)
                .setClassName("org.tribuo.common.xgboost.XGBoostModel").build().toByteArray();
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(empty), FEATURES))
                .isInstanceOf(IOException.class);

        // A model trained on 3 features read as 2 wide is refused.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model("tribuo-linear").write(out);
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(out.toByteArray()), 2))
                .isInstanceOf(IOException.class).hasMessageContaining("f2");
    }

    @Test
    void read_refuses_class_names_outside_tribuo_at_any_depth() throws IOException {
        Trainer reader = trainer("tribuo-xgboost");
        // Same-length byte edits keep the protobuf valid while renaming a nested class.
        byte[] cart = bytes("tribuo-cart");
        byte[] badDomain = replace(cart, "org.tribuo.ImmutableFeatureMap", "evl.tribuo.ImmutableFeatureMap");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(badDomain), FEATURES))
                .isInstanceOf(IOException.class).hasMessageContaining("evl.tribuo.ImmutableFeatureMap");

        byte[] forest = bytes("tribuo-forest");
        byte[] badMember = replace(forest, "org.tribuo.regression.rtree.IndependentRegressionTreeModel",
                "org.tribuo.regression.rtree.IndependentRegressionTreeModeX");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(badMember), FEATURES))
                .isInstanceOf(IOException.class).hasMessageContaining("IndependentRegressionTreeModeX");

        // OLCUT keeps enum class names in provenance; those are loaded too, so they are checked too.
        byte[] xgb = bytes("tribuo-xgboost");
        byte[] badEnum = replace(xgb, "org.tribuo.common.xgboost.XGBoostTrainer$BoosterType",
                "evl.tribuo.common.xgboost.XGBoostTrainer$BoosterType");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(badEnum), FEATURES))
                .isInstanceOf(IOException.class).hasMessageContaining("evl.tribuo");

        byte[] unknownType = replace(cart, "tribuo.core.ImmutableFeatureMapProto",
                "tribuo.core.ImmutableFeatureMapProtX");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(unknownType), FEATURES))
                .isInstanceOf(IOException.class).hasMessageContaining("ImmutableFeatureMapProtX");
    }

    private static byte[] bytes(String id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model(id).write(out);
        return out.toByteArray();
    }

    /** Replaces every occurrence of {@code from} by {@code to}, which has the same length. */
    private static byte[] replace(byte[] data, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(t).hasSameSizeAs(f);
        byte[] out = data.clone();
        int found = 0;
        for (int i = 0; i + f.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
                found++;
            }
        }
        assertThat(found).as("occurrences of %s", from).isPositive();
        return out;
    }
}
