package dev.modelregistry.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.evaluation.DieboldMariano;
import dev.modelregistry.api.evaluation.LossFunction;
import org.junit.jupiter.api.Test;

/**
 * The Diebold–Mariano statistic with the Harvey–Leybourne–Newbold correction, worked by hand. The
 * reference p-values use the closed form of Student's t CDF for odd degrees of freedom (Abramowitz &
 * Stegun 26.7.4), an independent method from the Hipparchus distribution the code uses.
 */
class DieboldMarianoReferenceTest {

    @Test
    void one_step_statistic_and_p_value_match_the_hand_computation() {
        // actual = 0, champion errors [1, −2, 1, 2, −1, 2], challenger errors [1, 1, −1, 1, 0, −1]
        // squared losses: champion [1, 4, 1, 4, 1, 4], challenger [1, 1, 1, 1, 0, 1]
        // d = [0, 3, 0, 3, 1, 3], n = 6, d̄ = 10/6 = 1.6667
        // d − d̄ = [−5/3, 4/3, −5/3, 4/3, −2/3, 4/3]
        // γ0 = (25/9 + 16/9 + 25/9 + 16/9 + 4/9 + 16/9) / 6 = (102/9) / 6 = 1.8888889
        // h = 1: V = γ0 / n = 0.3148148; DM = 1.6667 / √0.3148148 = 2.9704426289
        // HLN: √((n + 1 − 2h + h(h − 1)/n) / n) = √(5/6) → DM* = 2.7116307227
        // two-sided p from t(5): θ = atan(DM*/√5), P(|T| ≤ t) = (2/π)(θ + sinθ(cosθ + ⅔cos³θ))
        // → p = 0.0421939967
        double[] actual = new double[6];
        double[] champion = {1, -2, 1, 2, -1, 2};
        double[] challenger = {1, 1, -1, 1, 0, -1};
        DieboldMariano dm = DieboldMarianoCalculator.test(actual, champion, challenger, LossFunction.SQUARED, 1);

        assertThat(dm.count()).isEqualTo(6);
        assertThat(dm.meanDifferential()).isCloseTo(10.0 / 6, within(1e-12));
        assertThat(dm.statistic().getAsDouble()).isCloseTo(2.9704426289, within(1e-9));
        assertThat(dm.correctedStatistic().getAsDouble()).isCloseTo(2.7116307227, within(1e-9));
        assertThat(dm.pValue().getAsDouble()).isCloseTo(0.0421939967, within(1e-9));
        assertThat(dm.pValue().getAsDouble()).isCloseTo(twoSidedOddDf(2.7116307227, 5), within(1e-9));
        // one-sided: challenger better has half the two-sided p (DM* > 0)
        assertThat(dm.pValueChallengerBetter().getAsDouble()).isCloseTo(0.0421939967 / 2, within(1e-9));
        assertThat(dm.pValueChallengerWorse().getAsDouble()).isCloseTo(1 - 0.0421939967 / 2, within(1e-9));
    }

    @Test
    void two_step_statistic_uses_the_lag_one_autocovariance() {
        // champion errors all 2 (loss 4), challenger errors [2, 2, 1, 1, 0, 0, 1, 1] (losses [4, 4, 1, 1, 0, 0, 1, 1])
        // d = [0, 0, 3, 3, 4, 4, 3, 3], n = 8, d̄ = 2.5, d − d̄ = [−2.5, −2.5, .5, .5, 1.5, 1.5, .5, .5]
        // γ0 = (6.25·2 + .25·2 + 2.25·2 + .25·2) / 8 = 18/8 = 2.25
        // γ1 = (6.25 − 1.25 + .25 + .75 + 2.25 + .75 + .25) / 8 = 9.25/8 = 1.15625
        // h = 2: V = (γ0 + 2γ1) / n = 4.5625/8 = 0.5703125; DM = 2.5/√0.5703125 = 3.3104235544
        // HLN: √((8 + 1 − 4 + 2/8) / 8) = √0.65625 → DM* = 2.6817495823
        // two-sided p from t(7): (2/π)(θ + sinθ(cosθ + ⅔cos³θ + 8/15 cos⁵θ)) → p = 0.0314594192
        double[] actual = new double[8];
        double[] champion = {2, 2, 2, 2, 2, 2, 2, 2};
        double[] challenger = {2, 2, 1, 1, 0, 0, 1, 1};
        DieboldMariano dm = DieboldMarianoCalculator.test(actual, champion, challenger, LossFunction.SQUARED, 2);

        assertThat(dm.statistic().getAsDouble()).isCloseTo(3.3104235544, within(1e-9));
        assertThat(dm.correctedStatistic().getAsDouble()).isCloseTo(2.6817495823, within(1e-9));
        assertThat(dm.pValue().getAsDouble()).isCloseTo(0.0314594192, within(1e-9));
        assertThat(dm.pValue().getAsDouble()).isCloseTo(twoSidedOddDf(2.6817495823, 7), within(1e-9));
    }

    @Test
    void a_non_positive_long_run_variance_or_identical_forecasts_are_undefined_not_nan() {
        // first fixture with h = 2: γ1 = (−20/9 − 20/9 − 20/9 − 8/9 − 8/9) / 6 = −1.4074, V = (1.8889 − 2.8148)/6 < 0
        double[] actual = new double[6];
        DieboldMariano negative = DieboldMarianoCalculator.test(actual, new double[] {1, -2, 1, 2, -1, 2},
                new double[] {1, 1, -1, 1, 0, -1}, LossFunction.SQUARED, 2);
        assertThat(negative.statistic()).isEmpty();
        assertThat(negative.pValue()).isEmpty();

        DieboldMariano same = DieboldMarianoCalculator.test(new double[] {1, 2, 3}, new double[] {1, 1, 1},
                new double[] {1, 1, 1}, LossFunction.ABSOLUTE, 1);
        assertThat(same.meanDifferential()).isZero();
        assertThat(same.statistic()).isEmpty();
        assertThat(same.pValueChallengerBetter()).isEmpty();
    }

    /** 1 − A(t|ν) for odd ν (Abramowitz & Stegun 26.7.4), independent of Hipparchus. */
    static double twoSidedOddDf(double t, int nu) {
        double theta = Math.atan(Math.abs(t) / Math.sqrt(nu));
        double c = Math.cos(theta);
        double term = c;
        double sum = nu > 1 ? c : 0;
        for (int k = 3; k <= nu - 2; k += 2) {
            term *= c * c * (k - 1) / k;
            sum += term;
        }
        double a = 2 / Math.PI * (theta + Math.sin(theta) * sum);
        return 1 - a;
    }
}
