package dev.modelregistry.core.evaluation.market;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.core.internal.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * Features of a daily price series, each computed at time t from prices up to t only (no look-ahead):
 * returns over 1, 5 and 20 days; the gap between price and its 5- and 20-day moving averages; 20-day
 * volatility of daily returns (their sample standard deviation, n − 1, as pandas'
 * {@code pct_change().rolling(20).std()} and R's {@code sd} compute it); Wilder's 14-day RSI; MACD (12/26-day EMAs) and its 9-day signal line,
 * both relative to price. EMAs and RSI are recursive from the first price, so they too use only the past.
 *
 * <p>Thread-safe: stateless.
 */
public final class PriceFeatures {
    /** The feature names, in column order. */
    public static final List<String> NAMES = List.of("ret_1", "ret_5", "ret_20", "ma_gap_5", "ma_gap_20", "vol_20",
            "rsi_14", "macd", "macd_signal");
    /** Rows before this index lack a full look-back window and are left out of datasets. */
    public static final int WARM_UP = 34;

    private PriceFeatures() {
    }

    /**
     * Features for every time index; rows before {@link #WARM_UP} may hold NaN.
     *
     * @param closes closing prices in time order, all positive and finite
     * @return one row of {@link #NAMES} per price
     */
    public static double[][] compute(double[] closes) {
        for (int t = 0; t < closes.length; t++) {
            if (!(closes[t] > 0) || !Double.isFinite(closes[t])) {
                throw new InvalidArgumentException("price at index " + t + " is " + closes[t]
                        + "; prices must be positive and finite");
            }
        }
        int n = closes.length;
        double[][] out = new double[n][NAMES.size()];
        double ema12 = closes.length > 0 ? closes[0] : 0;
        double ema26 = ema12;
        double signal = 0;
        double avgGain = 0;
        double avgLoss = 0;
        for (int t = 0; t < n; t++) {
            double p = closes[t];
            out[t][0] = ret(closes, t, 1);
            out[t][1] = ret(closes, t, 5);
            out[t][2] = ret(closes, t, 20);
            out[t][3] = maGap(closes, t, 5);
            out[t][4] = maGap(closes, t, 20);
            out[t][5] = volatility(closes, t, 20);
            if (t > 0) {
                double change = p - closes[t - 1];
                double gain = Math.max(change, 0);
                double loss = Math.max(-change, 0);
                if (t <= 14) {
                    avgGain += gain / 14;
                    avgLoss += loss / 14;
                } else {
                    avgGain = (avgGain * 13 + gain) / 14;
                    avgLoss = (avgLoss * 13 + loss) / 14;
                }
                ema12 += (p - ema12) * 2.0 / 13;
                ema26 += (p - ema26) * 2.0 / 27;
            }
            out[t][6] = t < 14 ? Double.NaN : avgLoss == 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss);
            double macd = (ema12 - ema26) / p;
            signal = t == 0 ? macd : signal + (macd - signal) * 2.0 / 10;
            out[t][7] = t < 25 ? Double.NaN : macd;
            out[t][8] = t < 33 ? Double.NaN : signal;
        }
        return out;
    }

    /**
     * A dataset for predicting the next day's return from today's features: one row per t from
     * {@link #WARM_UP} to the second-to-last price, label {@code close[t+1] / close[t] - 1}, time {@code times[t]}.
     *
     * @param closes closing prices in time order
     * @param times one time per price, increasing
     * @return the dataset
     */
    public static Dataset nextDayReturns(double[] closes, long[] times) {
        if (closes.length != times.length) {
            throw new InvalidArgumentException(closes.length + " prices but " + times.length + " times");
        }
        if (closes.length < WARM_UP + 2) {
            throw new InvalidArgumentException("need at least " + (WARM_UP + 2) + " prices, got " + closes.length);
        }
        double[][] all = compute(closes);
        List<double[]> rows = new ArrayList<>();
        int n = closes.length - 1 - WARM_UP;
        double[] labels = new double[n];
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            int at = WARM_UP + i;
            rows.add(all[at]);
            labels[i] = closes[at + 1] / closes[at] - 1;
            t[i] = times[at];
        }
        return Dataset.of(NAMES, rows.toArray(double[][]::new), labels, t);
    }

    private static double ret(double[] c, int t, int k) {
        return t < k ? Double.NaN : c[t] / c[t - k] - 1;
    }

    private static double maGap(double[] c, int t, int k) {
        if (t < k - 1) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = t - k + 1; i <= t; i++) {
            sum += c[i];
        }
        return c[t] / (sum / k) - 1;
    }

    private static double volatility(double[] c, int t, int k) {
        if (t < k) {
            return Double.NaN;
        }
        double[] r = new double[k];
        for (int i = 0; i < k; i++) {
            r[i] = c[t - i] / c[t - i - 1] - 1;
        }
        return Stats.sampleStd(r).orElseThrow();
    }
}
