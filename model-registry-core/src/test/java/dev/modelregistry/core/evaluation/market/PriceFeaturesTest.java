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

    /** Bars around a random walk of closes: open near the previous close, high and low around both, volume. */
    record Bars(double[] open, double[] high, double[] low, double[] close, double[] volume) {
        double[][] features() {
            return PriceFeatures.computeOhlcv(open, high, low, close, volume);
        }

        /** Every value of bars after t scaled by the factor (prices) or shifted (volume). */
        Bars alteredAfter(int t, double factor) {
            Bars b = new Bars(open.clone(), high.clone(), low.clone(), close.clone(), volume.clone());
            for (int i = t + 1; i < close.length; i++) {
                b.open[i] *= factor;
                b.high[i] *= factor;
                b.low[i] *= factor;
                b.close[i] *= factor;
                b.volume[i] = b.volume[i] * factor + 1000;
            }
            return b;
        }
    }

    static final Gen<Bars> BARS = Gen.zip(PRICES, Gen.longs(), (close, seed) -> {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int n = close.length;
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] volume = new double[n];
        for (int t = 0; t < n; t++) {
            open[t] = (t == 0 ? close[0] : close[t - 1]) * Math.exp(random.nextGaussian() * 0.005);
            high[t] = Math.max(open[t], close[t]) * (1 + random.nextDouble() * 0.01);
            low[t] = Math.min(open[t], close[t]) * (1 - random.nextDouble() * 0.01);
            volume[t] = random.nextInt(10) == 0 ? Double.NaN : 1e6 * Math.exp(random.nextGaussian() * 0.3);
        }
        return new Bars(open, high, low, close, volume);
    });

    @Test
    void ohlcv_features_at_t_do_not_change_when_bars_after_t_change() {
        Property.forAll(BARS, Gen.doubles(0.1, 10)).check((bars, factor) -> {
            int t = bars.close().length / 2;
            double[][] before = bars.features();
            double[][] after = bars.alteredAfter(t, factor).features();
            for (int i = 0; i <= t; i++) {
                assertThat(after[i]).as("features at %d", i).isEqualTo(before[i]);
            }
            assertThat(before[t]).hasSize(PriceFeatures.OHLCV_NAMES.size());
        });
    }

    @Test
    void ohlcv_features_match_hand_computed_values() {
        int n = 40;
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        for (int t = 0; t < n; t++) {
            close[t] = 100 + t;
            open[t] = close[t] - 0.5;
            high[t] = close[t] + 1;
            low[t] = open[t] - 1.5;
            volume[t] = 1000 + 10 * t;
        }
        double[] f = PriceFeatures.computeOhlcv(open, high, low, close, volume)[39];
        java.util.function.ToDoubleFunction<String> at = name -> f[PriceFeatures.OHLCV_NAMES.indexOf(name)];
        assertThat(at.applyAsDouble("range")).isCloseTo(3.0 / 139, within(1e-15));
        // range_20: mean of 3 / c over c = 120..139
        double sum = 0;
        for (int c = 120; c <= 139; c++) {
            sum += 3.0 / c;
        }
        assertThat(at.applyAsDouble("range_20")).isCloseTo(sum / 20, within(1e-15));
        assertThat(at.applyAsDouble("gap")).isCloseTo(138.5 / 138 - 1, within(1e-15));
        assertThat(at.applyAsDouble("intraday_ret")).isCloseTo(139 / 138.5 - 1, within(1e-15));
        assertThat(at.applyAsDouble("close_loc")).isCloseTo(2.0 / 3, within(1e-15));
        // volumes 1200..1390 step 10: mean 1295, sample sd = 10 * sqrt(20 * 21 / 12) = 59.16079783099616
        assertThat(at.applyAsDouble("volume_z_20")).isCloseTo((1390 - 1295) / 59.16079783099616, within(1e-12));
        // last 5: 1350..1390, mean 1370; last 20 mean 1295
        assertThat(at.applyAsDouble("volume_ratio")).isCloseTo(1370.0 / 1295, within(1e-15));
        assertThat(java.util.Arrays.copyOf(f, PriceFeatures.NAMES.size())).isEqualTo(PriceFeatures.compute(close)[39]);
    }

    @Test
    void features_from_returns_equal_features_from_the_prices_and_labels_compound_over_the_horizon() {
        Property.forAll(PRICES, Gen.integers(1, 5)).check((prices, horizon) -> {
            // returns[t] is realised at bar t + 1 of the prices: the series starts one bar later.
            double[] returns = new double[prices.length - 1];
            for (int t = 0; t < returns.length; t++) {
                returns[t] = prices[t + 1] / prices[t] - 1;
            }
            long[] times = java.util.stream.LongStream.range(1, prices.length).toArray();
            if (returns.length < PriceFeatures.WARM_UP + 1 + horizon) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceFeatures.fromReturns(returns, times,
                        horizon)).hasMessageContaining("need at least");
                return;
            }
            Dataset fromReturns = PriceFeatures.fromReturns(returns, times, horizon);
            Dataset fromPrices = PriceFeatures.forwardReturns(java.util.Arrays.copyOfRange(prices, 1, prices.length),
                    times, horizon);
            assertThat(fromReturns.rowCount()).isEqualTo(fromPrices.rowCount())
                    .isEqualTo(returns.length - horizon - PriceFeatures.WARM_UP);
            for (int r = 0; r < fromReturns.rowCount(); r++) {
                double[] a = fromReturns.row(r);
                double[] b = fromPrices.row(r);
                for (int j = 0; j < a.length; j++) {
                    assertThat(a[j]).as("row %d feature %s", r, PriceFeatures.NAMES.get(j))
                            .isCloseTo(b[j], within(1e-9 * Math.max(1, Math.abs(b[j]))));
                }
                int bar = PriceFeatures.WARM_UP + r; // index into returns
                double compounded = 1;
                for (int k = 1; k <= horizon; k++) {
                    compounded *= 1 + returns[bar + k];
                }
                assertThat(fromReturns.label(r)).isCloseTo(compounded - 1, within(1e-12));
            }
        });
    }

    @Test
    void returns_at_or_below_minus_one_are_refused_with_their_index() {
        double[] returns = new double[50];
        returns[7] = -1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceFeatures.fromReturns(returns,
                java.util.stream.LongStream.range(0, 50).toArray(), 1))
                .isInstanceOf(dev.modelregistry.api.InvalidArgumentException.class).hasMessageContaining("index 7");
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
