package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.evaluation.ClassificationMetrics;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.FoldMetrics;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.RegressionMetrics;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.training.service.ValidationReport;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation and evaluation report identical RMSE, MAE and log-loss on the same predictions. The
 * predictions are the ones the training service really scored (recorded by {@link ObservedTrainer}
 * around the real LightGBM models), handed unchanged to {@link DefaultEvaluator}; equality is exact,
 * because both paths must run the one implementation in {@link Metrics}.
 */
class ValidationEvaluationAgreementTest {
    @TempDir
    Path dir;
    ModelRegistry registry;
    ObservedTrainer observed;
    DefaultTrainingService service;
    final DefaultEvaluator evaluator = new DefaultEvaluator();

    @BeforeEach
    void open() {
        registry = ModelRegistry.open(dir.resolve("registry"));
        observed = new ObservedTrainer(registry.training().trainer(TrainingServiceTest.TRAINER));
        service = new DefaultTrainingService(Trainers.of(List.of(observed)), registry.versions(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        service.close();
        registry.close();
    }

    @Test
    void validation_and_evaluation_report_identical_rmse_mae_and_r2_on_the_same_predictions() {
        Dataset data = TrainersThroughTrainingServiceTest.synthetic(900, 21);
        List<Split> folds = Splits.walkForward(data.rowCount(), 3, 150, Splits.Window.EXPANDING, 0, 2, 0);
        // One fold at a time, so the recorded batches are in fold order.
        ValidationReport report = service.validate(TrainingRequest.of(ObservedTrainer.ID, data)
                .withSpec(TrainingSpec.defaults().withParameter("rounds", "40")), folds, 1);
        assertThat(observed.batchPredictions).hasSize(folds.size());

        int[] foldOfRow = new int[0];
        double[] allActual = new double[0];
        double[] allPredicted = new double[0];
        EvaluationOptions options = EvaluationOptions.defaults();
        for (int i = 0; i < folds.size(); i++) {
            double[] actual = data.select(folds.get(i).test()).labels();
            double[] predicted = observed.batchPredictions.get(i);
            Map<String, Double> validation = report.folds().get(i).metrics();
            RegressionMetrics evaluation = evaluator.evaluate(Predictions.of(actual, predicted), options)
                    .regression().orElseThrow();
            System.out.printf("fold %d: validation rmse=%s mae=%s r2=%s | evaluation rmse=%s mae=%s r2=%s%n", i,
                    validation.get("rmse"), validation.get("mae"), validation.get("r2"), evaluation.rmse(),
                    evaluation.mae(), evaluation.r2());
            assertThat(evaluation.rmse()).isEqualTo(validation.get("rmse"));
            assertThat(evaluation.mae()).isEqualTo(validation.get("mae"));
            assertThat(evaluation.r2().getAsDouble()).isEqualTo(validation.get("r2"));

            int from = allActual.length;
            allActual = concat(allActual, actual);
            allPredicted = concat(allPredicted, predicted);
            foldOfRow = Arrays.copyOf(foldOfRow, allActual.length);
            Arrays.fill(foldOfRow, from, allActual.length, i);
        }
        // The evaluator's own per-fold stability metrics agree too.
        EvaluationReport pooled = evaluator.evaluate(Predictions.of(allActual, allPredicted).withFolds(foldOfRow),
                options);
        for (FoldMetrics f : pooled.stability().folds()) {
            Map<String, Double> validation = report.folds().get(f.fold()).metrics();
            assertThat(f.metrics().get("rmse")).isEqualTo(validation.get("rmse"));
            assertThat(f.metrics().get("mae")).isEqualTo(validation.get("mae"));
        }
        assertThat(pooled.stability().folds()).hasSize(folds.size());
    }

    @Test
    void validation_and_evaluation_report_identical_log_loss_and_accuracy_on_the_same_predictions() {
        Dataset data = binary(TrainersThroughTrainingServiceTest.synthetic(900, 22));
        Dataset validationSet = binary(TrainersThroughTrainingServiceTest.synthetic(300, 23));
        TrainingSpec spec = TrainingSpec.defaults().withTask(Task.BINARY_CLASSIFICATION).withParameter("rounds", "40");
        EvaluationOptions options = EvaluationOptions.defaults().withTask(Task.BINARY_CLASSIFICATION);

        // Path 1: cross-validation folds.
        List<Split> folds = Splits.walkForward(data.rowCount(), 2, 200, Splits.Window.EXPANDING, 0, 0, 0);
        ValidationReport report = service.validate(TrainingRequest.of(ObservedTrainer.ID, data).withSpec(spec), folds,
                1);
        assertThat(observed.batchPredictions).hasSize(folds.size());
        for (int i = 0; i < folds.size(); i++) {
            double[] actual = data.select(folds.get(i).test()).labels();
            ClassificationMetrics evaluation = evaluator.evaluate(
                    Predictions.of(actual, observed.batchPredictions.get(i)), options).classification().orElseThrow();
            Map<String, Double> validation = report.folds().get(i).metrics();
            System.out.printf("fold %d: validation logloss=%s accuracy=%s | evaluation logloss=%s accuracy=%s%n", i,
                    validation.get("logloss"), validation.get("accuracy"), evaluation.logLoss(), evaluation.accuracy());
            assertThat(evaluation.logLoss()).isEqualTo(validation.get("logloss"));
            assertThat(evaluation.accuracy()).isEqualTo(validation.get("accuracy"));
        }

        // Path 2: the validation set of a training run, whose metrics go into the model's metadata.
        observed.batchPredictions.clear();
        try (TrainedModel model = service.train(TrainingRequest.of(ObservedTrainer.ID, data).withSpec(spec)
                .withValidation(validationSet))) {
            assertThat(observed.batchPredictions).hasSize(1);
            ClassificationMetrics evaluation = evaluator.evaluate(
                    Predictions.of(validationSet.labels(), observed.batchPredictions.get(0)), options)
                    .classification().orElseThrow();
            Map<String, Double> metadata = model.metadata().metrics();
            System.out.printf("validation set: metadata logloss=%s accuracy=%s | evaluation logloss=%s accuracy=%s%n",
                    metadata.get("validation_logloss"), metadata.get("validation_accuracy"), evaluation.logLoss(),
                    evaluation.accuracy());
            assertThat(evaluation.logLoss()).isEqualTo(metadata.get("validation_logloss"));
            assertThat(evaluation.accuracy()).isEqualTo(metadata.get("validation_accuracy"));
        }
    }

    /** The same rows with the label turned into "was the regression target above 0". */
    static Dataset binary(Dataset data) {
        double[] y = Arrays.stream(data.labels()).map(v -> v > 0 ? 1 : 0).toArray();
        return Dataset.of(data.featureNames(), data.rows(), y);
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
