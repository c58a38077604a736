package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceFeaturesTest {
    /** A random walk of positive prices, from a seed, so large series cost one choice. */
    static final Gen<double[]> PRICES = Gen.zip(Gen.integers(40, 300), Gen.longs(),
            (n, seed) -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
                double[] p = new double[n];
                p[0] = 100;
                for (int i = 1; i < n; i++) {
                    p[i] = p[i - 1] * Math.exp(random.nextGaussian() * 0.02);
                }
                return p;
            });

    @Test
    void features_at_t_do_not_change_when_prices_after_t_change() {
        Property.forAll(PRICES, Gen.doubles(0.1, 10)).check((prices, factor) -> {
            int t = prices.length / 2;
            double[] altered = prices.clone();
            for (int i = t + 1; i < altered.length; i++) {
                altered[i] *= factor;
            }
            double[][] before = PriceFeatures.compute(prices);
            double[][] after = PriceFeatures.compute(altered);
            for (int i = 0; i <= t; i++) {
                assertThat(after[i]).as("features at %d", i).isEqualTo(before[i]);
            }
        });
    }

    @Test
    void returns_and_moving_average_gaps_match_hand_computed_values() {
        double[] p = new double[60];
        for (int i = 0; i < p.length; i++) {
            p[i] = 100 + i;
        }
        double[][] f = PriceFeatures.compute(p);
        assertThat(f[59][0]).isCloseTo(159.0 / 158 - 1, within(1e-12));
        assertThat(f[59][1]).isCloseTo(159.0 / 154 - 1, within(1e-12));
        assertThat(f[59][3]).isCloseTo(159.0 / 157 - 1, within(1e-12)); // mean of 155..159 is 157
        assertThat(f[59][6]).isEqualTo(100.0); // only gains: RSI 100
        assertThat(f[0][0]).isNaN();
    }

    @Test
    void vol_20_is_the_sample_standard_deviation_of_the_last_20_daily_returns() {
        // prices 100, 101, …, 159; at t = 59 the returns are c[t − i] / c[t − i − 1] − 1 for i = 0..19.
        // Python: statistics.stdev(returns) = 0.00026916509309899783 (pandas' rolling(20).std() agrees;
        // both divide by n − 1). The population value, statistics.pstdev, is 0.0002623496807237291.
        double[] p = new double[60];
        for (int i = 0; i < p.length; i++) {
            p[i] = 100 + i;
        }
        double[][] f = PriceFeatures.compute(p);
        int vol = PriceFeatures.NAMES.indexOf("vol_20");
        assertThat(f[59][vol]).isCloseTo(0.00026916509309899783, within(1e-15));
        assertThat(f[19][vol]).isNaN();
        assertThat(f[20][vol]).isPositive();
    }

    @Test
    void next_day_return_rows_start_after_the_warm_up_and_have_no_missing_values() {
        double[] p = PRICES.samples(7, 1).get(0);
        long[] times = java.util.stream.LongStream.range(0, p.length).toArray();
        Dataset d = PriceFeatures.nextDayReturns(p, times);
        assertThat(d.rowCount()).isEqualTo(p.length - 1 - PriceFeatures.WARM_UP);
        assertThat(d.featureNames()).isEqualTo(PriceFeatures.NAMES);
        assertThat(d.times().orElseThrow()[0]).isEqualTo(PriceFeatures.WARM_UP);
        assertThat(d.label(0)).isCloseTo(p[PriceFeatures.WARM_UP + 1] / p[PriceFeatures.WARM_UP] - 1, within(1e-15));
        for (int r = 0; r < d.rowCount(); r++) {
            assertThat(d.row(r)).doesNotContain(Double.NaN);
        }
        assertThat(List.of(d.featureNames())).hasSize(1);
    }
}
