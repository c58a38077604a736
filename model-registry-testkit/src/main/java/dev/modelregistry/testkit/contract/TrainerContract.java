package dev.modelregistry.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link Trainer} and its {@link TrainerProvider}, as JUnit 5 tests: a trainer
 * module extends this class in its own tests, returns its provider from {@link #provider()}, and
 * every test below runs against its trainer.
 *
 * <pre>{@code
 * class RidgeTrainerContractTest extends TrainerContract {
 *     @Override
 *     protected TrainerProvider provider() {
 *         return new RidgeTrainerProvider();
 *     }
 *
 *     @Override
 *     protected Optional<String> iterationsParameter() {
 *         return Optional.of("epochs"); // omit if the trainer fits in one step
 *     }
 * }
 * }</pre>
 *
 * <p>Add {@code dev.modelregistry:model-registry-testkit} with test scope, and JUnit Jupiter's engine
 * to run it. The suite uses only the trainer SPI ({@code model-registry-api}), never the registry's
 * training service: it checks each input with {@link TrainingInput#of} as the registry does, trains
 * through {@link Trainer#train}, writes through {@link NativeModel#write} and reads back through
 * {@link Trainer#read}. It trains regression models
 * on a synthetic target of five features ({@code y = 3·x0 − 2·x1 + x2·x3 + noise}) and checks that:
 * <ul>
 * <li>the provider is registered in {@code META-INF/services} under the trainer's id, and the trainer
 *     describes itself (version, format, module, hyper-parameters whose defaults are valid);</li>
 * <li>it learns: test RMSE below half the labels' standard deviation;</li>
 * <li>progress is reported from iteration 1, one call per iteration (one call in all for a trainer
 *     that fits in one step);</li>
 * <li>a model written and read back predicts bit-identically on 1,000 rows, row by row and in batch,
 *     and again after a second round trip; bytes that are no model are refused with an
 *     {@link IOException};</li>
 * <li>an unknown or out-of-range hyper-parameter is refused with an {@link InvalidArgumentException}
 *     naming it, before any iteration (the trainer's declarations are what {@link TrainingInput#of}
 *     enforces);</li>
 * <li>cancellation asked at iteration 3 stops training by iteration 8 with a
 *     {@link TrainingCancelledException}, and a context cancelled from the start trains nothing;</li>
 * <li>early stopping, where the trainer supports it, stops before the iteration limit on pure noise
 *     and keeps its best iteration through a round trip, within the patience of the last iteration as the
 *     rule of {@link dev.modelregistry.api.training.EarlyStopping} has it; a trainer without it reports no
 *     best iteration;</li>
 * <li>the same spec and seed give the same predictions.</li>
 * </ul>
 *
 * <p>Each test creates its trainer through {@link #provider()} and closes every model it trains.
 * Thread-safety: an instance of this class is used by one test thread (JUnit creates one per test).
 */
public abstract class TrainerContract {

    /** The rows every round-trip check predicts, as today's registry contract does. */
    private static final int ROUND_TRIP_ROWS = 1_000;
    /** Cancellation is asked at this iteration... */
    private static final int CANCEL_AT = 3;
    /** ...and training must have stopped by this one: a few iterations of slack for a check per iteration. */
    private static final int STOPPED_BY = 8;
    /** The iteration limit of the early-stopping check, and the patience it uses. */
    private static final int EARLY_STOPPING_LIMIT = 500;
    private static final int PATIENCE = 5;

    private Trainer trainer;

    /** For subclasses. */
    protected TrainerContract() {
    }

    /**
     * The provider under test, as {@link ServiceLoader} would create it. Called once before each test.
     *
     * @return a provider; the suite calls {@link TrainerProvider#trainer()} on it
     */
    protected abstract TrainerProvider provider();

    /**
     * The hyper-parameter that sets how many iterations the trainer runs and reports through
     * {@link TrainingContext#iteration}, for trainers that report more than one. The cancellation
     * check sets it high, so that cancelling at iteration 3 means something, and the early-stopping
     * check sets it to 500. The suite fails if a trainer reports several iterations but leaves this
     * empty.
     *
     * @return the parameter's name, e.g. {@code rounds}; empty (the default) for a trainer that fits in
     *         one step and reports a single iteration
     */
    protected Optional<String> iterationsParameter() {
        return Optional.empty();
    }

    /**
     * Hyper-parameters every training run of the suite starts from (a check may add its own), for
     * example to keep fits fast. They must still let the model learn the synthetic target.
     *
     * @return parameter values as text; empty (the default) trains with the trainer's defaults
     */
    protected Map<String, String> parameters() {
        return Map.of();
    }

    @BeforeEach
    void createTrainer() {
        trainer = provider().trainer();
        assertThat(trainer).as("provider().trainer()").isNotNull();
    }

    @Test
    void the_provider_is_registered_for_service_loader_under_the_trainers_id() {
        TrainerProvider provider = provider();
        assertThat(provider.id()).as("provider id").isEqualTo(trainer.id());
        List<Class<?>> registered = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ServiceLoader.Provider<TrainerProvider> p
                : ServiceLoader.load(TrainerProvider.class, provider.getClass().getClassLoader()).stream().toList()) {
            registered.add(p.type());
            ids.add(p.get().id());
        }
        assertThat(registered)
                .as("META-INF/services/%s lists %s", TrainerProvider.class.getName(), provider.getClass().getName())
                .contains(provider.getClass());
        assertThat(ids).as("trainer ids found through ServiceLoader").filteredOn(trainer.id()::equals).hasSize(1);
    }

    @Test
    void the_trainer_describes_itself_and_its_defaults_are_valid() {
        assertThat(trainer.id()).as("id").isNotBlank().doesNotContainAnyWhitespaces();
        assertThat(trainer.libraryVersion()).as("libraryVersion").isNotBlank();
        assertThat(trainer.formatId()).as("formatId").isNotBlank().doesNotContainAnyWhitespaces();
        assertThat(trainer.module()).as("module, as groupId:artifactId").matches("[^:\\s]+:[^:\\s]+");
        assertThat(trainer.tasks()).as("tasks (this suite trains regression)").contains(Task.REGRESSION);
        List<HyperParameter> declared = trainer.hyperParameters();
        assertThat(declared).extracting(HyperParameter::name).as("hyper-parameter names").doesNotHaveDuplicates();
        assertThat(declared).allSatisfy(p -> assertThat(p.description()).as("description of %s", p.name())
                .isNotBlank());
        assertThat(HyperParameters.resolve(declared, Map.of()).asMap()).as("every default is valid")
                .containsOnlyKeys(declared.stream().map(HyperParameter::name).toList());
        HyperParameters.resolve(declared, parameters());
        iterationsParameter().ifPresent(name -> assertThat(declared)
                .as("iterationsParameter() %s is a declared integer parameter", name)
                .anyMatch(p -> p.name().equals(name) && p.type() == HyperParameter.Type.INTEGER));
    }

    @Test
    void it_learns_a_synthetic_target_clearly_better_than_the_mean() {
        Dataset train = synthetic(1_500, 1);
        Dataset test = synthetic(500, 2);
        try (NativeModel model = trainer.train(input(spec(), train, Optional.empty(), new Recorder()))) {
            assertThat(model.featureCount()).isEqualTo(5);
            assertThat(model.sizeBytes()).as("sizeBytes").isPositive();
            assertThat(model.featureImportance()).as("feature importance by index").allSatisfy((index, value) -> {
                assertThat(index).isBetween(0, 4);
                assertThat(value).isFinite();
            });
            double[] predicted = model.predictBatch(test.rows());
            double rmse = rmse(test.labels(), predicted);
            double std = std(test.labels());
            assertThat(rmse).as("%s RMSE vs label std %s", trainer.id(), std).isLessThan(0.5 * std);
        }
    }

    @Test
    void progress_is_reported_once_per_iteration_from_1() {
        Recorder progress = new Recorder();
        trainer.train(input(spec(), synthetic(300, 13), Optional.empty(), progress)).close();
        List<int[]> calls = progress.calls();
        assertThat(calls).as("TrainingContext.iteration calls").isNotEmpty();
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i)[0]).as("iteration of call %s", i + 1).isEqualTo(i + 1);
            assertThat(calls.get(i)[1]).as("total of call %s", i + 1).isGreaterThanOrEqualTo(calls.get(i)[0])
                    .isEqualTo(calls.get(0)[1]);
        }
        if (iterationsParameter().isEmpty()) {
            assertThat(calls.size()).as("%s reports %s iterations: override iterationsParameter() to name the"
                    + " parameter that sets them", trainer.id(), calls.size()).isEqualTo(1);
            assertThat(calls.get(0)).containsExactly(1, 1);
        }
    }

    @Test
    void a_written_then_read_model_predicts_bit_identically_on_1000_random_rows() throws IOException {
        Dataset rows = synthetic(ROUND_TRIP_ROWS, 3);
        try (NativeModel trained = trainer.train(input(spec(), synthetic(800, 4), Optional.empty(), new Recorder()))) {
            double[] before = trained.predictBatch(rows.rows());
            try (NativeModel loaded = roundTrip(trained); NativeModel again = roundTrip(loaded)) {
                assertThat(loaded.featureCount()).isEqualTo(5);
                assertBitIdentical(before, loaded.predictBatch(rows.rows()), "batch after one round trip");
                assertBitIdentical(before, again.predictBatch(rows.rows()), "batch after two round trips");
                double[] single = new double[ROUND_TRIP_ROWS];
                for (int r = 0; r < ROUND_TRIP_ROWS; r++) {
                    single[r] = loaded.predict(rows.row(r));
                }
                assertBitIdentical(before, single, "row by row after a round trip");
            }
        }
    }

    @Test
    void bytes_that_are_no_model_are_refused_with_an_io_exception() {
        byte[] garbage = "this is not a model, just some text\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> trainer.read(new ByteArrayInputStream(garbage), 5).close())
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> trainer.read(new ByteArrayInputStream(new byte[0]), 5).close())
                .as("empty input").isInstanceOf(IOException.class);
    }

    @Test
    void an_unknown_hyper_parameter_is_refused_before_any_iteration() {
        Recorder progress = new Recorder();
        TrainingSpec spec = spec().withParameter("no_such_parameter", "1");
        assertThatThrownBy(() -> trainer.train(input(spec, synthetic(100, 7), Optional.empty(), progress)).close())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no_such_parameter");
        assertThat(progress.calls()).as("iterations before the refusal").isEmpty();
    }

    @Test
    void an_out_of_range_hyper_parameter_is_refused_before_any_iteration() {
        for (HyperParameter p : trainer.hyperParameters()) {
            if (p.max().isEmpty() || p.type() != HyperParameter.Type.INTEGER && p.type() != HyperParameter.Type.DOUBLE) {
                continue;
            }
            String tooBig = p.type() == HyperParameter.Type.INTEGER
                    ? Long.toString((long) (double) p.max().get() + 1)
                    : Double.toString(p.max().get() + Math.max(1.0, Math.abs(p.max().get())));
            Recorder progress = new Recorder();
            TrainingSpec spec = spec().withParameter(p.name(), tooBig);
            assertThatThrownBy(() -> trainer.train(input(spec, synthetic(100, 7), Optional.empty(), progress)).close())
                    .as("%s = %s", p.name(), tooBig)
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(p.name());
            assertThat(progress.calls()).as("iterations before refusing %s", p.name()).isEmpty();
        }
    }

    @Test
    void cancel_asked_at_iteration_3_stops_training_by_iteration_8() {
        TrainingSpec spec = spec();
        Recorder progress;
        if (iterationsParameter().isPresent()) {
            String name = iterationsParameter().get();
            // Far more iterations than the check waits for, so that only the cancel can end the run.
            spec = spec.withParameter(name, Long.toString(Math.min(20_000L, max(name))));
            progress = new Recorder(seen -> seen >= CANCEL_AT);
        } else {
            // A trainer without iterations is cancelled at its next check, as the registry's job does.
            progress = new Recorder(seen -> true);
        }
        TrainingInput input = input(spec, synthetic(2_000, 8), Optional.empty(), progress);
        assertThatThrownBy(() -> trainer.train(input).close()).isInstanceOf(TrainingCancelledException.class);
        assertThat(progress.calls().size()).as("%s iterations after cancel at %s", trainer.id(), CANCEL_AT)
                .isLessThanOrEqualTo(STOPPED_BY);
    }

    @Test
    void a_context_cancelled_from_the_start_trains_nothing() {
        Recorder progress = new Recorder(seen -> true);
        assertThatThrownBy(() -> trainer.train(input(spec(), synthetic(500, 14), Optional.empty(), progress)).close())
                .isInstanceOf(TrainingCancelledException.class);
        assertThat(progress.calls()).as("iterations reported after a cancel before the start").isEmpty();
    }

    @Test
    void early_stopping_stops_before_the_iteration_limit_on_noise_and_keeps_its_best_iteration() throws IOException {
        SplittableRandom random = new SplittableRandom(9);
        Dataset features = synthetic(1_000, 9);
        Dataset train = Dataset.of(features.featureNames(), features.rows(), random.doubles(1_000).toArray());
        Dataset validation = Dataset.of(features.featureNames(), synthetic(300, 10).rows(),
                random.doubles(300).toArray());
        TrainingSpec spec = spec().withEarlyStopping(PATIENCE);
        if (iterationsParameter().isPresent()) {
            spec = spec.withParameter(iterationsParameter().get(), Integer.toString(EARLY_STOPPING_LIMIT));
        }
        Recorder progress = new Recorder();
        try (NativeModel model = trainer.train(input(spec, train, Optional.of(validation), progress))) {
            if (!trainer.supportsEarlyStopping()) {
                assertThat(model.bestIteration()).as("best iteration of a trainer without early stopping").isEmpty();
                return;
            }
            int iterations = progress.calls().size();
            assertThat(progress.calls()).as("iterations reported").isNotEmpty();
            int limit = progress.calls().get(0)[1];
            if (iterationsParameter().isPresent()) {
                assertThat(limit).as("the total reported").isEqualTo(EARLY_STOPPING_LIMIT);
            }
            assertThat(iterations).as("iterations run of %s", limit).isLessThan(limit);
            assertThat(model.bestIteration()).as("best iteration after %s iterations", iterations)
                    .hasValueSatisfying(best -> assertThat(best).isBetween(Math.max(1, iterations - PATIENCE),
                            iterations - 1));
            Dataset rows = synthetic(200, 15);
            try (NativeModel loaded = roundTrip(model)) {
                assertBitIdentical(model.predictBatch(rows.rows()), loaded.predictBatch(rows.rows()),
                        "an early-stopped model after a round trip");
            }
        }
    }

    @Test
    void the_same_spec_and_seed_give_the_same_model() {
        Dataset data = synthetic(500, 11);
        Dataset rows = synthetic(200, 12);
        TrainingSpec spec = spec().withSeed(7);
        try (NativeModel a = trainer.train(input(spec, data, Optional.empty(), new Recorder()));
                NativeModel b = trainer.train(input(spec, data, Optional.empty(), new Recorder()))) {
            assertBitIdentical(a.predictBatch(rows.rows()), b.predictBatch(rows.rows()), "two fits with seed 7");
        }
    }

    /** The suite's starting spec: regression, seed 42, one thread, {@link #parameters()}. */
    private TrainingSpec spec() {
        TrainingSpec spec = TrainingSpec.defaults();
        for (Map.Entry<String, String> e : parameters().entrySet()) {
            spec = spec.withParameter(e.getKey(), e.getValue());
        }
        return spec;
    }

    private long max(String parameter) {
        return trainer.hyperParameters().stream().filter(p -> p.name().equals(parameter)).findFirst()
                .flatMap(HyperParameter::max).map(Double::longValue).orElse(Long.MAX_VALUE);
    }

    /** The input as the registry hands it over: checked against the trainer by {@link TrainingInput#of}. */
    private TrainingInput input(TrainingSpec spec, Dataset train, Optional<Dataset> validation,
            TrainingContext context) {
        return TrainingInput.of(trainer, spec, train, validation, context);
    }

    /** Writes the model and reads it back through the trainer, checking that read leaves the stream open. */
    private NativeModel roundTrip(NativeModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        assertThat(bytes.size()).as("bytes written").isPositive();
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new FilterInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        NativeModel read = trainer.read(in, model.featureCount());
        assertThat(closed).as("Trainer.read closed the caller's stream").isFalse();
        return read;
    }

    private static void assertBitIdentical(double[] expected, double[] actual, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + ": row " + i + " predicted " + expected[i] + " before and "
                        + actual[i] + " after (" + mismatches(expected, actual) + " of " + expected.length
                        + " rows differ)");
            }
        }
    }

    private static long mismatches(double[] expected, double[] actual) {
        long n = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                n++;
            }
        }
        return n;
    }

    /** y = 3·x0 − 2·x1 + x2·x3 + small noise; x4 is pure noise. */
    private static Dataset synthetic(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][5];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 5; j++) {
                x[r][j] = random.nextDouble(-1, 1);
            }
            y[r] = 3 * x[r][0] - 2 * x[r][1] + x[r][2] * x[r][3] + 0.05 * random.nextGaussian();
        }
        return Dataset.of(List.of("x0", "x1", "x2", "x3", "x4"), x, y);
    }

    private static double rmse(double[] labels, double[] predicted) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double d = labels[i] - predicted[i];
            sum += d * d;
        }
        return Math.sqrt(sum / labels.length);
    }

    private static double std(double[] values) {
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }

    /**
     * A context that records each {@link TrainingContext#iteration} call and cancels once the number of
     * calls seen so far satisfies its rule. Thread-safe: a trainer may report from its own threads.
     */
    private static final class Recorder implements TrainingContext {
        private final IntPredicate cancelWhen;
        private final List<int[]> calls = new ArrayList<>();

        Recorder() {
            this(seen -> false);
        }

        Recorder(IntPredicate cancelWhen) {
            this.cancelWhen = cancelWhen;
        }

        @Override
        public synchronized boolean cancelled() {
            return cancelWhen.test(calls.size());
        }

        @Override
        public synchronized void iteration(int iteration, int total, OptionalDouble validationMetric) {
            calls.add(new int[] {iteration, total});
        }

        synchronized List<int[]> calls() {
            return List.copyOf(calls);
        }
    }
}
