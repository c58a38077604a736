package dev.modelregistry.trainer.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

/** Cutting a booster to its first rounds gives the booster that boosting only that many rounds gives. */
class BoosterTrimTest {
    @Test
    void the_first_rounds_of_a_booster_predict_as_a_booster_trained_for_only_those_rounds() throws Exception {
        Random random = new Random(9);
        int n = 2_000;
        float[] x = new float[n * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                x[i * 3 + c] = (float) random.nextGaussian();
            }
            y[i] = x[i * 3] * 2 - x[i * 3 + 1] + (float) (0.1 * random.nextGaussian());
        }
        DMatrix data = new DMatrix(x, n, 3, Float.NaN);
        data.setLabel(y);
        Map<String, Object> params = new HashMap<>(Map.of("objective", "reg:squarederror", "tree_method", "hist",
                "max_depth", 4, "seed", 1, "nthread", 1, "verbosity", 0));
        Booster ten = XGBoost.train(data, params, 10, Map.of(), null, null);
        Booster four = XGBoost.train(data, params, 4, Map.of(), null, null);
        Booster cut = XGBoost.loadModel(BoosterTrim.firstRounds(ten, 4));
        try {
            assertThat(cut.getNumBoostedRound()).isEqualTo(4);
            assertThat(cut.getAttr("best_iteration")).isEqualTo("3");
            assertThat(cut.predict(data)).isDeepEqualTo(four.predict(data));
            assertThat(cut.predict(data)).isNotEqualTo(ten.predict(data));
        } finally {
            cut.dispose();
            four.dispose();
            ten.dispose();
            data.dispose();
        }
    }
}
