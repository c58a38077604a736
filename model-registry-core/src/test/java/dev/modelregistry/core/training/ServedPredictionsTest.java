package dev.modelregistry.core.training;

import static dev.modelregistry.testkit.prediction.PredictionAgreement.assertThreadsAgree;
import static dev.modelregistry.testkit.prediction.PredictionAgreement.bits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-row serving path of a {@link TrainedModel} (unboxed preprocessing, then each library's
 * single-row fast path: LightGBM's {@code SingleRowFast} on per-thread boosters, xgboost's in-place
 * prediction) answers what the batch path answers, bit for bit, from one thread and from four at once,
 * with imputation and standardisation in front and missing and infinite values among the rows.
 */
class ServedPredictionsTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void single_rows_from_one_and_four_threads_equal_the_batch_answers_bit_for_bit(@TempDir Path dir)
            throws Exception {
        Random rnd = new Random(3);
        double[][] x = new double[800][4];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = rnd.nextGaussian() * (j + 1) + j;
            }
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.3 * rnd.nextGaussian();
        }
        Dataset data = Dataset.of(List.of("a", "b", "c", "d"), x, y);
        double[][] rows = new double[300][4];
        for (double[] row : rows) {
            for (int j = 0; j < 4; j++) {
                int pick = rnd.nextInt(20);
                row[j] = pick == 0 ? Double.NaN : pick == 1 ? Double.NEGATIVE_INFINITY : rnd.nextGaussian() * 5;
            }
        }
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            for (String trainer : List.of("lightgbm", "xgboost")) {
                try (TrainedModel model = registry.training().train(TrainingRequest.of(trainer, data)
                        .withPreprocessing(PreprocessingSpec.standard()))) {
                    long[] expected = bits(model.predictBatch(rows));
                    double[] single = new double[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        single[i] = model.predict(rows[i]);
                    }
                    assertThat(bits(single)).as("%s, one thread", trainer).containsExactly(expected);
                    assertThreadsAgree(model, rows, expected, 4, 10, trainer);
                }
            }
        }
    }
}
