package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.testkit.property.Assume;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the market metrics over random inputs (testkit engine; a failure prints its seed). */
class MarketMetricPropertiesTest {
    /** Rows of (actual, predicted), both in [−1, 1]. */
    static final Gen<List<double[]>> ROWS = Gen.listOf(
            Gen.zip(Gen.doubles(-1, 1), Gen.doubles(-1, 1), (a, p) -> new double[] {a, p}), 1, 60);

    /** Rows of (daily return in [−0.2, 0.2], prediction in [−1, 1]): a short never loses more than everything. */
    static final Gen<List<double[]>> DAILY = Gen.listOf(
            Gen.zip(Gen.doubles(-0.2, 0.2), Gen.doubles(-1, 1), (a, p) -> new double[] {a, p}), 1, 60);

    static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    @Test
    void a_perfect_predictor_has_hit_rate_one_and_ic_one() {
        // distinct non-zero actuals; the prediction is the actual times a positive scale
        Gen<List<Double>> actuals = Gen.listOf(Gen.doubles(-0.2, 0.2).filter(v -> Math.abs(v) > 1e-9), 2, 60);
        Property.forAll(actuals, Gen.doubles(0.01, 100)).check((list, scale) -> {
            double[] a = list.stream().mapToDouble(Double::doubleValue).distinct().toArray();
            Assume.that(a.length >= 2);
            double[] p = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                p[i] = scale * a[i];   // strictly increasing, sign-preserving
            }
            assertThat(StockScorer.hitRate(a, p).rate().getAsDouble()).isEqualTo(1.0);
            assertThat(StockScorer.ic(a, p, StockScorer.periods(a.length, null)).mean().getAsDouble())
                    .isCloseTo(1.0, within(1e-12));
        });
    }

    @Test
    void hit_rate_and_ic_do_not_change_when_rows_are_permuted() {
        Property.forAll(ROWS, Gen.longs()).check((rows, seed) -> {
            List<double[]> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, new Random(seed));
            double[] a = column(rows, 0);
            double[] p = column(rows, 1);
            double[] a2 = column(shuffled, 0);
            double[] p2 = column(shuffled, 1);
            assertThat(StockScorer.hitRate(a2, p2)).isEqualTo(StockScorer.hitRate(a, p));
            var ic = StockScorer.ic(a, p, StockScorer.periods(a.length, null)).mean();
            var ic2 = StockScorer.ic(a2, p2, StockScorer.periods(a.length, null)).mean();
            assertThat(ic2.isPresent()).isEqualTo(ic.isPresent());
            ic.ifPresent(v -> assertThat(ic2.getAsDouble()).isCloseTo(v, within(1e-9)));
        });
    }

    @Test
    void sharpe_scales_with_the_square_root_of_the_annualisation_factor() {
        Property.forAll(ROWS, Gen.integers(1, 10_000)).check((rows, factor) -> {
            double[] a = column(rows, 0);
            double[] p = column(rows, 1);
            var base = StockScorer.strategy(a, p, StockScorer.periods(a.length, null), null, 1, 0).metrics();
            var scaled = StockScorer.strategy(a, p, StockScorer.periods(a.length, null), null, factor, 0).metrics();
            assertThat(scaled.sharpe().isPresent()).isEqualTo(base.sharpe().isPresent());
            base.sharpe().ifPresent(s -> assertThat(scaled.sharpe().getAsDouble())
                    .isCloseTo(s * Math.sqrt(factor), within(1e-9 * Math.max(1, Math.abs(s) * Math.sqrt(factor)))));
        });
    }

    @Test
    void drawdown_lies_in_zero_one_and_the_hit_rate_p_value_is_a_probability() {
        Property.forAll(DAILY).check(rows -> {
            double[] a = column(rows, 0);
            double[] p = column(rows, 1);
            var s = StockScorer.strategy(a, p, StockScorer.periods(a.length, null), null, 252, 5).metrics();
            assertThat(s.maxDrawdown()).isBetween(0.0, 1.0 + 1e-12);
            StockScorer.hitRate(a, p).pValue().ifPresent(v -> assertThat(v).isBetween(0.0, 1.0));
        });
    }
}
