package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.market.HitRate;
import dev.modelregistry.api.evaluation.market.InformationCoefficient;
import dev.modelregistry.api.evaluation.market.StrategyMetrics;
import dev.modelregistry.core.internal.Stats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.hipparchus.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Stock metrics against values worked out by hand (or by an independent method) in the comments. */
class StockMetricsTest {
    static final double EPS = 1e-9;

    @Nested
    class HitRates {
        @Test
        void counts_sign_agreement_skips_zeros_and_gives_the_exact_binomial_p_value() {
            // returns   [ .01, −.02, .03, −.01, .02, 0,  .01]
            // predicted [ .5,  −.1, −.2, −.3,  .1, .2, 0  ]
            // rows 5 (return 0) and 6 (prediction 0) are skipped → 5 trials; row 2 misses → 4 hits
            // P(X ≥ 4 | n = 5, ½) = (C(5,4) + C(5,5)) / 2⁵ = 6/32 = 0.1875
            HitRate h = StockScorer.hitRate(new double[] {.01, -.02, .03, -.01, .02, 0, .01},
                    new double[] {.5, -.1, -.2, -.3, .1, .2, 0});
            assertThat(h.hits()).isEqualTo(4);
            assertThat(h.trials()).isEqualTo(5);
            assertThat(h.skipped()).isEqualTo(2);
            assertThat(h.rate().getAsDouble()).isCloseTo(0.8, within(EPS));
            assertThat(h.pValue().getAsDouble()).isCloseTo(0.1875, within(EPS));
        }

        @Test
        void p_value_for_60_of_100_equals_an_exact_big_integer_sum() {
            // independent method: Σ_{k=60}^{100} C(100, k) / 2¹⁰⁰ in exact integer arithmetic
            double[] actual = new double[100];
            double[] predicted = new double[100];
            for (int i = 0; i < 100; i++) {
                actual[i] = 0.01;
                predicted[i] = i < 60 ? 1 : -1;
            }
            BigInteger sum = BigInteger.ZERO;
            BigInteger c = BigInteger.ONE;   // C(100, 0)
            for (int k = 0; k <= 100; k++) {
                if (k >= 60) {
                    sum = sum.add(c);
                }
                c = c.multiply(BigInteger.valueOf(100 - k)).divide(BigInteger.valueOf(k + 1));
            }
            double exact = new BigDecimal(sum).divide(new BigDecimal(BigInteger.TWO.pow(100)), MathContext.DECIMAL64)
                    .doubleValue();
            assertThat(exact).isCloseTo(0.028443966820490, within(1e-12));   // the same sum, printed
            assertThat(StockScorer.hitRate(actual, predicted).pValue().getAsDouble()).isCloseTo(exact, within(1e-10));
        }

        @Test
        void no_trials_means_undefined_not_nan() {
            HitRate h = StockScorer.hitRate(new double[] {0, 0}, new double[] {1, -1});
            assertThat(h.rate()).isEmpty();
            assertThat(h.pValue()).isEmpty();
        }
    }

    @Nested
    class InformationCoefficients {
        @Test
        void time_series_spearman_and_its_t_stat_match_the_rank_difference_formula() {
            // p = [.1, .4, .2, .3, .5] → ranks [1, 4, 2, 3, 5]; a = [1, 3, 2, 5, 4] → ranks [1, 3, 2, 5, 4]
            // d = [0, 1, 0, −2, 1], Σd² = 6, ρ = 1 − 6·6 / (5·(25 − 1)) = 1 − 36/120 = 0.7
            // t = 0.7·√(3 / (1 − 0.49)) = 1.6977493753
            InformationCoefficient ic = StockScorer.ic(new double[] {1, 3, 2, 5, 4}, new double[] {.1, .4, .2, .3, .5},
                    StockScorer.periods(5, null));
            assertThat(ic.crossSectional()).isFalse();
            assertThat(ic.mean().getAsDouble()).isCloseTo(0.7, within(EPS));
            assertThat(ic.tStat().getAsDouble()).isCloseTo(1.6977493753, within(EPS));
            assertThat(ic.std()).isEmpty();
            assertThat(ic.icir()).isEmpty();
        }

        @Test
        void ties_take_average_ranks_like_hipparchus_spearman() {
            // independent implementation: Hipparchus SpearmansCorrelation (natural ranking, average ties)
            double[] a = {1, 2, 2, 3, 5, 5, 5, 0};
            double[] p = {3, 3, 1, 4, 4, 2, 7, 7};
            double reference = new SpearmansCorrelation().correlation(p, a);
            assertThat(Stats.spearman(p, a).getAsDouble()).isCloseTo(reference, within(1e-12));
        }

        @Test
        void cross_sectional_ic_per_date_gives_mean_std_icir_and_t() {
            // date 1: p [1,2,3] a [1,2,3] → ρ = 1
            // date 2: p [1,2,3] a [2,1,3] → d = [−1, 1, 0], Σd² = 2, ρ = 1 − 12/24 = 0.5
            // date 3: p [3,1,2] a [1,2,3] → d = [2, −1, −1], Σd² = 6, ρ = 1 − 36/24 = −0.5
            // date 4: constant prediction → undefined, counted
            // mean = 1/3; std = √(((2/3)² + (1/6)² + (5/6)²) / 2) = 0.7637626158
            // ICIR = (1/3) / 0.7637626158 = 0.4364357805; t = ICIR·√3 = 0.7559289460
            double[] p = {1, 2, 3, 1, 2, 3, 3, 1, 2, 5, 5, 5};
            double[] a = {1, 2, 3, 2, 1, 3, 1, 2, 3, 1, 2, 3};
            long[] dates = {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
            InformationCoefficient ic = StockScorer.ic(a, p, StockScorer.periods(12, dates));
            assertThat(ic.crossSectional()).isTrue();
            assertThat(ic.periods()).isEqualTo(3);
            assertThat(ic.undefinedPeriods()).isEqualTo(1);
            assertThat(ic.mean().getAsDouble()).isCloseTo(1.0 / 3, within(EPS));
            assertThat(ic.std().getAsDouble()).isCloseTo(0.7637626158, within(EPS));
            assertThat(ic.icir().getAsDouble()).isCloseTo(0.4364357805, within(EPS));
            assertThat(ic.tStat().getAsDouble()).isCloseTo(0.7559289460, within(EPS));
        }

        @Test
        void a_constant_series_has_an_undefined_ic() {
            InformationCoefficient ic = StockScorer.ic(new double[] {.01, -.02, .03}, new double[] {1, 1, 1},
                    StockScorer.periods(3, null));
            assertThat(ic.mean()).isEmpty();
            assertThat(ic.tStat()).isEmpty();
            assertThat(ic.undefinedPeriods()).isEqualTo(1);
        }
    }

    @Nested
    class Strategy {
        // returns [.01, −.02, .03, −.01], predictions [1, 1, −1, −1] → positions [1, 1, −1, −1]
        static final double[] A = {.01, -.02, .03, -.01};
        static final double[] P = {1, 1, -1, -1};

        @Test
        void returns_equity_drawdown_sharpe_and_turnover_match_the_hand_computation() {
            // r = [.01, −.02, −.03, .01]; equity 1.01, .9898, .960106, .96970706 → total −.03029294
            // peak 1.01; drawdowns 0, .02, 1 − .960106/1.01 = .0494, .039894 → max .0494
            // mean r = −.0075 → annualised −.0075·252 = −1.89
            // deviations [.0175, −.0125, −.0225, .0175], Σ² = .001275, std = √(.001275/3) = .0206155281
            // vol = .0206155281·√252 = .3272613634; Sharpe = −.0075/.0206155281·√252 = −5.7752005313
            // position changes from flat: |1−0|, 0, |−1−1|, 0 → turnover 3/4
            StrategyMetrics s = StockScorer.strategy(A, P, StockScorer.periods(4, null), null, 252, 0).metrics();
            assertThat(s.periods()).isEqualTo(4);
            assertThat(s.totalReturn()).isCloseTo(-0.03029294, within(EPS));
            assertThat(s.maxDrawdown()).isCloseTo(0.0494, within(EPS));
            assertThat(s.annualisedReturn()).isCloseTo(-1.89, within(EPS));
            assertThat(s.annualisedVolatility().getAsDouble()).isCloseTo(0.3272613634, within(EPS));
            assertThat(s.sharpe().getAsDouble()).isCloseTo(-5.7752005313, within(EPS));
            assertThat(s.turnover().getAsDouble()).isCloseTo(0.75, within(EPS));
        }

        @Test
        void a_cost_in_basis_points_is_charged_on_position_changes() {
            // 10 bps = 0.001 per unit change: costs [.001, 0, .002, 0] → r = [.009, −.02, −.032, .01]
            // equity 1.009·.98·.968·1.01 = .9667495376 → total −.0332504624; mean −.00825 → ·252 = −2.079
            // peak 1.009, trough .95717776 → drawdown 1 − .95717776/1.009 = .0513500892
            StrategyMetrics s = StockScorer.strategy(A, P, StockScorer.periods(4, null), null, 252, 10).metrics();
            assertThat(s.totalReturn()).isCloseTo(-0.0332504624, within(EPS));
            assertThat(s.annualisedReturn()).isCloseTo(-2.079, within(EPS));
            assertThat(s.maxDrawdown()).isCloseTo(1 - 0.95717776 / 1.009, within(EPS));
            assertThat(s.costBps()).isEqualTo(10);
        }

        @Test
        void a_cross_section_averages_over_assets_and_needs_asset_keys_for_costs() {
            // date 1: assets x, y with positions +1, −1 and returns .02, .01 → (.02 − .01)/2 = .005
            // date 2: x −1, y −1, returns −.01, .03 → (.01 − .03)/2 = −.01
            // position changes: date 1 |1| + |−1| → mean 1; date 2 x: 2, y: 0 → mean 1 → turnover 1
            double[] a = {.02, .01, -.01, .03};
            double[] p = {1, -1, -1, -1};
            long[] dates = {1, 1, 2, 2};
            var s = StockScorer.strategy(a, p, StockScorer.periods(4, dates), new String[] {"x", "y", "x", "y"}, 252,
                    0);
            assertThat(s.returns()).containsExactly(new double[] {.005, -.01}, within(EPS));
            assertThat(s.metrics().turnover().getAsDouble()).isCloseTo(1, within(EPS));
            // without asset keys the turnover is undefined, and a cost cannot be charged
            assertThat(StockScorer.strategy(a, p, StockScorer.periods(4, dates), null, 252, 0).metrics().turnover())
                    .isEmpty();
            assertThatThrownBy(() -> StockScorer.strategy(a, p, StockScorer.periods(4, dates), null, 252, 5))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("asset keys");
        }

        @Test
        void one_period_or_a_flat_return_stream_has_no_sharpe() {
            StrategyMetrics one = StockScorer.strategy(new double[] {.01}, new double[] {1}, StockScorer.periods(1, null),
                    null, 252, 0).metrics();
            assertThat(one.sharpe()).isEmpty();
            assertThat(one.annualisedVolatility()).isEmpty();
            StrategyMetrics flat = StockScorer.strategy(new double[] {.01, .01}, new double[] {1, 1},
                    StockScorer.periods(2, null), null, 252, 0).metrics();
            assertThat(flat.sharpe()).isEmpty();
        }
    }
}
