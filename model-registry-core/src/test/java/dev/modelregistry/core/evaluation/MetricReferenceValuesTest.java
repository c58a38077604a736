package dev.modelregistry.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.evaluation.ClassificationMetrics;
import dev.modelregistry.api.evaluation.ConfusionMatrix;
import dev.modelregistry.api.evaluation.RegressionMetrics;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Regression and classification metrics against values worked out by hand in the comments. */
class MetricReferenceValuesTest {
    static final double EPS = 1e-12;

    @Nested
    class Regression {
        @Test
        void rmse_mae_r2_mape_and_explained_variance_match_the_hand_computation() {
            // actual a = [1, 2, 3, 4], predicted p = [1.5, 1.5, 3.5, 3]
            // e = p − a = [0.5, −0.5, 0.5, −1]; e² = [0.25, 0.25, 0.25, 1], Σe² = 1.75
            // RMSE = √(1.75 / 4) = √0.4375 = 0.6614378277661477
            // MAE  = (0.5 + 0.5 + 0.5 + 1) / 4 = 0.625
            // mean(a) = 2.5, TSS = 2.25 + 0.25 + 0.25 + 2.25 = 5 → R² = 1 − 1.75/5 = 0.65
            // MAPE = (0.5/1 + 0.5/2 + 0.5/3 + 1/4) / 4 = (7/6) / 4 = 7/24
            // mean(e) = −0.125, Var(e) = 0.4375 − 0.015625 = 0.421875, Var(a) = 5/4 = 1.25
            // EV = 1 − 0.421875 / 1.25 = 0.6625
            RegressionMetrics m = RegressionScorer.score(new double[] {1, 2, 3, 4}, new double[] {1.5, 1.5, 3.5, 3});
            assertThat(m.count()).isEqualTo(4);
            assertThat(m.rmse()).isCloseTo(Math.sqrt(0.4375), within(EPS));
            assertThat(m.mae()).isCloseTo(0.625, within(EPS));
            assertThat(m.r2().getAsDouble()).isCloseTo(0.65, within(EPS));
            assertThat(m.mape().getAsDouble()).isCloseTo(7.0 / 24, within(EPS));
            assertThat(m.mapeZeroTargets()).isZero();
            assertThat(m.explainedVariance().getAsDouble()).isCloseTo(0.6625, within(EPS));
        }

        @Test
        void mape_skips_zero_targets_and_counts_them_and_is_undefined_when_all_are_zero() {
            // a = [0, 2], p = [1, 1]: row 0 is skipped; MAPE = |1 − 2| / 2 = 0.5
            RegressionMetrics m = RegressionScorer.score(new double[] {0, 2}, new double[] {1, 1});
            assertThat(m.mape().getAsDouble()).isCloseTo(0.5, within(EPS));
            assertThat(m.mapeZeroTargets()).isEqualTo(1);

            RegressionMetrics zeros = RegressionScorer.score(new double[] {0, 0, 0}, new double[] {1, 2, 3});
            assertThat(zeros.mape()).isEmpty();
            assertThat(zeros.mapeZeroTargets()).isEqualTo(3);
            // constant actuals: TSS = 0 → R² and explained variance undefined, not NaN
            assertThat(zeros.r2()).isEmpty();
            assertThat(zeros.explainedVariance()).isEmpty();
            // RMSE = √((1 + 4 + 9) / 3)
            assertThat(zeros.rmse()).isCloseTo(Math.sqrt(14.0 / 3), within(EPS));
        }
    }

    @Nested
    class Classification {
        // y = [1, 1, 0, 0, 1, 0], p = [0.9, 0.4, 0.6, 0.1, 0.8, 0.4], threshold 0.5
        static final double[] Y = {1, 1, 0, 0, 1, 0};
        static final double[] P = {0.9, 0.4, 0.6, 0.1, 0.8, 0.4};

        @Test
        void confusion_accuracy_precision_recall_and_f1_match_the_hand_count() {
            // positive at 0.5: rows 0, 2, 4. Row 0 TP, 1 FN, 2 FP, 3 TN, 4 TP, 5 TN
            // TP 2, FP 1, TN 2, FN 1 → accuracy 4/6, precision 2/3, recall 2/3, F1 = 2·2/(4 + 1 + 1) = 2/3
            ClassificationMetrics m = ClassificationScorer.score(Y, P, 0.5, 1e-15);
            assertThat(m.confusion()).isEqualTo(new ConfusionMatrix(2, 1, 2, 1));
            assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(EPS));
            assertThat(m.precision().getAsDouble()).isCloseTo(2.0 / 3, within(EPS));
            assertThat(m.recall().getAsDouble()).isCloseTo(2.0 / 3, within(EPS));
            assertThat(m.f1().getAsDouble()).isCloseTo(2.0 / 3, within(EPS));
        }

        @Test
        void roc_auc_counts_ties_as_one_half() {
            // positives score {0.9, 0.4, 0.8}, negatives {0.6, 0.1, 0.4}; 9 pairs:
            // 0.9 beats all 3 → 3; 0.4 beats 0.1, ties 0.4, loses to 0.6 → 1.5; 0.8 beats all → 3
            // AUC = 7.5 / 9 = 0.8333…
            assertThat(ClassificationScorer.rocAuc(Y, P).getAsDouble()).isCloseTo(7.5 / 9, within(EPS));
            // and by brute force over the pairs, an independent method
            double wins = 0;
            int pairs = 0;
            for (int i = 0; i < Y.length; i++) {
                for (int j = 0; j < Y.length; j++) {
                    if (Y[i] == 1 && Y[j] == 0) {
                        pairs++;
                        wins += P[i] > P[j] ? 1 : P[i] == P[j] ? 0.5 : 0;
                    }
                }
            }
            assertThat(ClassificationScorer.rocAuc(Y, P).getAsDouble()).isCloseTo(wins / pairs, within(EPS));
            assertThat(ClassificationScorer.rocAuc(new double[] {1, 1}, new double[] {0.2, 0.7})).isEmpty();
        }

        @Test
        void log_loss_matches_the_hand_computation_and_clips_certain_mistakes() {
            // −(ln .9 + ln .4 + ln(1 − .6) + ln(1 − .1) + ln .8 + ln(1 − .4)) / 6
            // = −(2·(−0.1053605) + 2·(−0.9162907) − 0.2231436 − 0.5108256) / 6 = 0.4628786117
            ClassificationMetrics m = ClassificationScorer.score(Y, P, 0.5, 1e-15);
            assertThat(m.logLoss()).isCloseTo(0.4628786117, within(1e-9));
            // p = 0 for a positive: clipped to ε = 1e-15, loss = −ln(1e-15) = 34.538776…, finite
            ClassificationMetrics certain = ClassificationScorer.score(new double[] {1}, new double[] {0}, 0.5, 1e-15);
            assertThat(certain.logLoss()).isCloseTo(-Math.log(1e-15), within(1e-9));
            // nothing predicted positive: precision undefined, F1 = 0 / (0 + 0 + 1) = 0
            assertThat(certain.precision()).isEmpty();
            assertThat(certain.f1().getAsDouble()).isZero();
        }
    }
}
