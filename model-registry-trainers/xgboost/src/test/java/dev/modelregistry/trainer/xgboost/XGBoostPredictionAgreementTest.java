package dev.modelregistry.trainer.xgboost;

import static dev.modelregistry.testkit.prediction.PredictionAgreement.assertThreadsAgree;
import static dev.modelregistry.testkit.prediction.PredictionAgreement.bits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Single rows (through their own one-row path), batches and 4 threads at once must all answer, bit for
 * bit, what xgboost4j's own {@code DMatrix} prediction of all rows on the same booster answers, with
 * missing and infinite values among the rows, with and without early stopping.
 */
class XGBoostPredictionAgreementTest {
    private final Trainer trainer = new XGBoostTrainerProvider().trainer();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void single_rows_batches_and_four_threads_give_the_dmatrix_answers_bit_for_bit() throws Exception {
        Dataset regression = SyntheticData.linear(11, 800);
        Dataset binary = SyntheticData.separable(12, 800);
        List<Case> cases = List.of(
                new Case("regression", TrainingSpec.defaults(), regression, Optional.empty()),
                new Case("binary", TrainingSpec.defaults().withTask(Task.BINARY_CLASSIFICATION), binary,
                        Optional.empty()),
                new Case("early stopping", TrainingSpec.defaults().withEarlyStopping(3), regression.slice(0, 600),
                        Optional.of(regression.slice(600, 800))));
        double[][] rows = rows(300, 5L);
        for (Case c : cases) {
            try (XGBoostNativeModel model = (XGBoostNativeModel) trainer.train(TrainingInput.of(trainer, c.spec(),
                    c.data(), c.validation(), TrainingContext.NONE))) {
                long[] expected = bits(dmatrixPredict(model, rows));
                assertThat(bits(model.predictBatch(rows))).as("%s batch", c.name()).containsExactly(expected);
                double[] single = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    single[i] = model.predict(rows[i]);
                }
                assertThat(bits(single)).as("%s single rows", c.name()).containsExactly(expected);
                assertThreadsAgree(model, rows, expected, 4, 10, String.valueOf(c.name()));
            }
        }
    }

    private record Case(String name, TrainingSpec spec, Dataset data, Optional<Dataset> validation) {
    }

    /** The reference: xgboost4j's DMatrix prediction of all rows at once on the model's own booster. */
    private static double[] dmatrixPredict(XGBoostNativeModel model, double[][] rows) throws Exception {
        DMatrix m = new DMatrix(Matrices.values(rows, model.featureCount()), rows.length, model.featureCount(),
                Float.NaN);
        try {
            float[][] raw = model.booster().predict(m);
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i][0];
            }
            return out;
        } finally {
            m.dispose();
        }
    }

    /** Rows wider than the training range, with missing and infinite values. */
    private static double[][] rows(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] rows = new double[n][3];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                int pick = rnd.nextInt(25);
                row[j] = pick == 0 ? Double.NaN : pick == 1 ? Double.POSITIVE_INFINITY : rnd.nextGaussian() * 2;
            }
        }
        return rows;
    }
}
