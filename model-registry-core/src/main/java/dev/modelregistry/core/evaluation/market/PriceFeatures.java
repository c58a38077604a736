package dev.modelregistry.core.evaluation.market;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.core.internal.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * Features of a price series, each computed at bar t from bars up to t only (no look-ahead). Periods are
 * bars: days on daily data, half-hours on half-hourly data.
 *
 * <p>From closes ({@link #NAMES}): returns over 1, 5 and 20 bars; the gap between price and its 5- and
 * 20-bar moving averages; 20-bar volatility of one-bar returns (their sample standard deviation, n − 1, as
 * pandas' {@code pct_change().rolling(20).std()} and R's {@code sd} compute it); Wilder's 14-bar RSI; MACD
 * (12/26-bar EMAs) and its 9-bar signal line, both relative to price. EMAs and RSI are recursive from the
 * first price, so they too use only the past. Every one of them is a ratio of prices, so a price index
 * rebuilt from returns gives the same values: that is how returns-only data is featured
 * ({@link #fromReturns}).
 *
 * <p>From open, high, low, close and volume ({@link #OHLCV_NAMES}, the close features followed by):
 * <ul>
 *   <li>{@code range}: {@code (high − low) / close}, the bar's range;</li>
 *   <li>{@code range_20}: the mean {@code range} of the last 20 bars;</li>
 *   <li>{@code gap}: {@code open / previous close − 1}, the overnight (or between-bar) gap;</li>
 *   <li>{@code intraday_ret}: {@code close / open − 1}, the return within the bar;</li>
 *   <li>{@code close_loc}: {@code (close − low) / (high − low)}, where the bar closed in its range
 *       (0.5 when high equals low);</li>
 *   <li>{@code volume_z_20}: {@code (volume − mean) / sd} over the last 20 bars including this one
 *       (n − 1; NaN when the volume is constant or missing);</li>
 *   <li>{@code volume_ratio}: the mean volume of the last 5 bars over that of the last 20.</li>
 * </ul>
 * Volume may be NaN (FX quotes have none); its features are then NaN. Labels are forward returns over
 * {@code horizon} bars, {@code close[t+h] / close[t] − 1}: they start after bar t, features end at t.
 *
 * <p>Thread-safe: stateless.
 */
public final class PriceFeatures {
    /** The feature names, in column order. */
    public static final List<String> NAMES = List.of("ret_1", "ret_5", "ret_20", "ma_gap_5", "ma_gap_20", "vol_20",
            "rsi_14", "macd", "macd_signal");
    /** The OHLCV feature names, in column order: {@link #NAMES}, then the range, gap and volume features. */
    public static final List<String> OHLCV_NAMES = java.util.stream.Stream.concat(NAMES.stream(),
            java.util.stream.Stream.of("range", "range_20", "gap", "intraday_ret", "close_loc", "volume_z_20",
                    "volume_ratio")).toList();
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
     * The close features ({@link #compute}) followed by the range, gap and volume features, for every bar;
     * rows before {@link #WARM_UP} may hold NaN.
     *
     * @param open opening prices, positive and finite
     * @param high highs, at least the open, the close and the low
     * @param low lows, positive
     * @param close closing prices, positive and finite
     * @param volume volumes, finite and at least 0, or NaN where there is none
     * @return one row of {@link #OHLCV_NAMES} per bar
     * @throws InvalidArgumentException if lengths differ or a bar is inconsistent (naming the bar)
     */
    public static double[][] computeOhlcv(double[] open, double[] high, double[] low, double[] close,
            double[] volume) {
        int n = close.length;
        if (open.length != n || high.length != n || low.length != n || volume.length != n) {
            throw new InvalidArgumentException("open, high, low, close and volume must be equally long: " + open.length
                    + ", " + high.length + ", " + low.length + ", " + n + ", " + volume.length);
        }
        double[][] closes = compute(close);
        for (int t = 0; t < n; t++) {
            if (!(open[t] > 0) || !Double.isFinite(open[t]) || !(low[t] > 0) || !Double.isFinite(high[t])
                    || high[t] < Math.max(Math.max(open[t], close[t]), low[t]) || low[t] > Math.min(open[t], close[t])) {
                throw new InvalidArgumentException("bar " + t + " is inconsistent: open " + open[t] + ", high "
                        + high[t] + ", low " + low[t] + ", close " + close[t]
                        + "; prices must be positive with low <= open, close <= high");
            }
            if (!Double.isNaN(volume[t]) && !(volume[t] >= 0 && Double.isFinite(volume[t]))) {
                throw new InvalidArgumentException("volume of bar " + t + " is " + volume[t]
                        + "; volumes must be finite and >= 0, or NaN when there is none");
            }
        }
        int base = NAMES.size();
        double[][] out = new double[n][OHLCV_NAMES.size()];
        double[] range = new double[n];
        for (int t = 0; t < n; t++) {
            range[t] = (high[t] - low[t]) / close[t];
        }
        for (int t = 0; t < n; t++) {
            double[] row = out[t];
            System.arraycopy(closes[t], 0, row, 0, base);
            row[base] = range[t];
            row[base + 1] = t < 19 ? Double.NaN : mean(range, t - 19, t);
            row[base + 2] = t < 1 ? Double.NaN : open[t] / close[t - 1] - 1;
            row[base + 3] = close[t] / open[t] - 1;
            row[base + 4] = high[t] > low[t] ? (close[t] - low[t]) / (high[t] - low[t]) : 0.5;
            row[base + 5] = volumeZ(volume, t, 20);
            double long20 = t < 19 ? Double.NaN : mean(volume, t - 19, t);
            row[base + 6] = long20 > 0 ? mean(volume, t - 4, t) / long20 : Double.NaN;
        }
        return out;
    }

    /**
     * A dataset for predicting the next bar's return from this bar's features: {@link #forwardReturns} with
     * a horizon of 1.
     *
     * @param closes closing prices in time order
     * @param times one time per price, increasing
     * @return the dataset
     */
    public static Dataset nextDayReturns(double[] closes, long[] times) {
        return forwardReturns(closes, times, 1);
    }

    /**
     * A dataset for predicting the return over the next {@code horizon} bars from this bar's close features:
     * one row per t from {@link #WARM_UP} to the last bar with a full label, label
     * {@code close[t+h] / close[t] − 1}, time {@code times[t]}.
     *
     * @param closes closing prices in time order
     * @param times one time per price, increasing
     * @param horizon h, in bars, at least 1
     * @return the dataset
     * @throws InvalidArgumentException if lengths differ, the horizon is below 1, or there are too few prices
     */
    public static Dataset forwardReturns(double[] closes, long[] times, int horizon) {
        return dataset(NAMES, compute(closes), closes, times, horizon);
    }

    /**
     * {@link #forwardReturns} with the OHLCV features ({@link #OHLCV_NAMES}).
     *
     * @param open opening prices
     * @param high highs
     * @param low lows
     * @param close closing prices
     * @param volume volumes, or NaN where there is none
     * @param times one time per bar, increasing
     * @param horizon h, in bars, at least 1
     * @return the dataset
     * @throws InvalidArgumentException as {@link #computeOhlcv} and {@link #forwardReturns} do
     */
    public static Dataset forwardReturns(double[] open, double[] high, double[] low, double[] close, double[] volume,
            long[] times, int horizon) {
        return dataset(OHLCV_NAMES, computeOhlcv(open, high, low, close, volume), close, times, horizon);
    }

    /**
     * A dataset from returns alone, without prices: {@code returns[t]} is the return realised at bar t
     * (from bar t − 1 to bar t). A price index {@code I_t = Π_{s≤t} (1 + returns[s])} stands in for the
     * closes; the close features are ratios of prices, so they equal those of the real prices. The label is
     * the compounded return over the next {@code horizon} bars, {@code Π_{k=1..h} (1 + returns[t+k]) − 1}.
     *
     * @param returns simple returns per bar, each finite and above −1
     * @param times one time per return, increasing
     * @param horizon h, in bars, at least 1
     * @return the dataset, with the features {@link #NAMES}
     * @throws InvalidArgumentException naming the first bad return, or as {@link #forwardReturns} does
     */
    public static Dataset fromReturns(double[] returns, long[] times, int horizon) {
        return forwardReturns(index(returns), times, horizon);
    }

    /**
     * The price index of a return series, starting from 1 before the first return.
     *
     * @param returns simple returns per bar, each finite and above −1
     * @return {@code I_t = Π_{s≤t} (1 + returns[s])}
     * @throws InvalidArgumentException naming the first bad return
     */
    public static double[] index(double[] returns) {
        double[] out = new double[returns.length];
        double level = 1;
        for (int t = 0; t < returns.length; t++) {
            if (!(returns[t] > -1) || !Double.isFinite(returns[t])) {
                throw new InvalidArgumentException("return at index " + t + " is " + returns[t]
                        + "; returns must be finite and above -1 (a loss of less than everything)");
            }
            level *= 1 + returns[t];
            out[t] = level;
        }
        return out;
    }

    private static Dataset dataset(List<String> names, double[][] all, double[] closes, long[] times, int horizon) {
        if (closes.length != times.length) {
            throw new InvalidArgumentException(closes.length + " prices but " + times.length + " times");
        }
        if (horizon < 1) {
            throw new InvalidArgumentException("horizon must be >= 1 bar, got " + horizon);
        }
        if (closes.length < WARM_UP + 1 + horizon) {
            throw new InvalidArgumentException("need at least " + (WARM_UP + 1 + horizon) + " prices for a horizon of "
                    + horizon + ", got " + closes.length);
        }
        List<double[]> rows = new ArrayList<>();
        int n = closes.length - horizon - WARM_UP;
        double[] labels = new double[n];
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            int at = WARM_UP + i;
            rows.add(all[at]);
            labels[i] = closes[at + horizon] / closes[at] - 1;
            t[i] = times[at];
        }
        return Dataset.of(names, rows.toArray(double[][]::new), labels, t);
    }

    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i <= to; i++) {
            sum += x[i];
        }
        return sum / (to - from + 1);
    }

    private static double volumeZ(double[] volume, int t, int k) {
        if (t < k - 1) {
            return Double.NaN;
        }
        double[] window = new double[k];
        System.arraycopy(volume, t - k + 1, window, 0, k);
        double m = mean(window, 0, k - 1);
        double sd = Stats.sampleStd(window).orElse(Double.NaN);
        return sd > 0 ? (volume[t] - m) / sd : Double.NaN;
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
