package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingJob;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the training service adds around every trainer on the class path, run over each provider
 * ServiceLoader finds: discovery of all six, registration that fills the metadata, a model that comes back
 * bit for bit through the registry's bundle, refusal of unknown parameters before a job starts, and
 * cancellation through a {@link TrainingJob}. The trainers' own contract (learning, their format's round
 * trip, refusal, cancellation and early stopping at the SPI, determinism) is the testkit's
 * {@code TrainerContract}, which each trainer module runs in its own build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainersThroughTrainingServiceTest {
    @TempDir
    static Path dir;
    ModelRegistry registry;

    @BeforeAll
    void open() {
        registry = ModelRegistry.open(dir);
    }

    @AfterAll
    void close() {
        registry.close();
    }

    List<String> trainerIds() {
        return Trainers.discover(getClass().getClassLoader()).all().stream().map(Trainer::id).toList();
    }

    @Test
    void all_six_trainers_are_found_through_service_loader() {
        // Core names no trainer in main code; its test class path has the three trainer modules' six.
        assertThat(trainerIds()).containsExactlyInAnyOrder("xgboost", "lightgbm", "tribuo-linear", "tribuo-cart",
                "tribuo-forest", "tribuo-xgboost");
    }

    /** y = 3·x0 − 2·x1 + x2·x3 + small noise; x4 is pure noise. */
    static Dataset synthetic(int rows, long seed) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainerIds")
    void register_then_load_through_the_bundle_gives_bit_identical_predictions_on_1000_rows(String id) {
        Dataset rows = synthetic(1_000, 3);
        try (TrainedModel trained = registry.training().train(TrainingRequest.of(id, synthetic(800, 4)))) {
            ModelVersion v = registry.training().register("contract-" + id, trained);
            TrainedModel loaded = registry.models().load(v.ref()).unwrap(TrainedModel.class);

            double[] before = trained.predictBatch(rows.rows());
            double[] after = loaded.predictBatch(rows.rows());
            assertThat(Arrays.equals(before, after)).as("%s predictions identical after a round trip", id).isTrue();
            for (int r = 0; r < 20; r++) {
                assertThat(loaded.predict(rows.row(r))).isEqualTo(before[r]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainerIds")
    void registration_fills_the_metadata(String id) {
        Dataset data = synthetic(300, 5);
        try (TrainedModel trained = registry.training().train(TrainingRequest.of(id, data)
                .withValidation(synthetic(100, 6)).withTarget("next_return"))) {
            ModelVersion v = registry.training().register("meta-" + id, trained);
            TrainingInfo info = v.metadata().training().orElseThrow();
            Trainer trainer = registry.training().trainer(id);
            assertThat(info.trainerId()).isEqualTo(id);
            assertThat(info.libraryVersion()).isEqualTo(trainer.libraryVersion()).isNotBlank();
            assertThat(info.hyperParameters().keySet()).containsAll(
                    trainer.hyperParameters().stream().map(HyperParameter::name).toList());
            assertThat(info.datasetFingerprint()).contains(data.fingerprint());
            assertThat(info.rowCount()).isEqualTo(300);
            assertThat(info.trainingTime()).isPresent();
            assertThat(v.metadata().features().features()).hasSize(5);
            assertThat(v.metadata().features().target()).contains("next_return");
            assertThat(v.metadata().metrics()).containsKeys("validation_rmse", "validation_mae");
            assertThat(v.metadata().properties()).containsEntry("native_format", trainer.formatId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainerIds")
    void an_unknown_hyper_parameter_is_refused_before_training(String id) {
        AtomicInteger iterations = new AtomicInteger();
        TrainingRequest request = TrainingRequest.of(id, synthetic(100, 7))
                .withSpec(TrainingSpec.defaults().withParameter("no_such_parameter", "1"))
                .withProgress((i, total, m) -> iterations.incrementAndGet());
        assertThatThrownBy(() -> registry.training().train(request)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("no_such_parameter");
        assertThatThrownBy(() -> registry.training().trainAsync(request)).isInstanceOf(InvalidArgumentException.class);
        assertThat(iterations).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainerIds")
    void cancel_stops_training_within_a_few_iterations(String id) throws Exception {
        Trainer trainer = registry.training().trainer(id);
        AtomicInteger iterations = new AtomicInteger();
        AtomicReference<TrainingJob> job = new AtomicReference<>();
        TrainingSpec spec = TrainingSpec.defaults();
        if (hasRounds(trainer)) {
            spec = spec.withParameter("rounds", "20000");
        }
        // The job may reach iteration 3 before trainAsync has returned it: the listener waits (boundedly) for it.
        CountDownLatch submitted = new CountDownLatch(1);
        TrainingRequest request = TrainingRequest.of(id, synthetic(2_000, 8)).withSpec(spec)
                .withProgress((i, total, m) -> {
                    if (iterations.incrementAndGet() >= 3) {
                        try {
                            submitted.await(1, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        job.get().cancel();
                    }
                });
        job.set(registry.training().trainAsync(request));
        submitted.countDown();
        if (!hasRounds(trainer)) {
            job.get().cancel(); // a trainer without iterations is cancelled at its next check
        }
        assertThatThrownBy(() -> job.get().result().get(2, TimeUnit.MINUTES))
                .hasCauseInstanceOf(TrainingCancelledException.class);
        assertThat(iterations.get()).as("%s iterations after cancel at 3", id).isLessThanOrEqualTo(8);
    }

    private static boolean hasRounds(Trainer trainer) {
        return trainer.supportsEarlyStopping()
                && trainer.hyperParameters().stream().anyMatch(p -> p.name().equals("rounds"));
    }

}
