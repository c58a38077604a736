package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.evaluation.DieboldMariano;
import dev.modelregistry.api.evaluation.LossFunction;
import dev.modelregistry.core.internal.Stats;
import java.util.OptionalDouble;

/**
 * The Diebold–Mariano test with the Harvey–Leybourne–Newbold correction; the t distribution comes
 * from Hipparchus. See {@link DieboldMariano} for the formulas. Stateless, thread-safe.
 */
final class DieboldMarianoCalculator {
    private DieboldMarianoCalculator() {
    }

    static DieboldMariano test(double[] actual, double[] champion, double[] challenger, LossFunction loss,
            int horizon) {
        int n = actual.length;
        double[] d = new double[n];
        for (int t = 0; t < n; t++) {
            d[t] = loss.loss(actual[t], champion[t]) - loss.loss(actual[t], challenger[t]);
        }
        return test(d, loss, horizon, DieboldMariano.Aggregation.ROWS);
    }

    /** Whether some date holds more than one row: a panel. */
    static boolean panel(long[] dates) {
        for (int i = 1; i < dates.length; i++) {
            if (dates[i] == dates[i - 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The test on a panel: each date's loss differential is the mean over its rows (dates never decrease),
     * and the horizon counts dates.
     */
    static DieboldMariano byDate(double[] actual, double[] champion, double[] challenger, long[] dates,
            LossFunction loss, int horizon) {
        java.util.List<Double> means = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 1; i <= actual.length; i++) {
            if (i == actual.length || dates[i] != dates[start]) {
                double s = 0;
                for (int k = start; k < i; k++) {
                    s += loss.loss(actual[k], champion[k]) - loss.loss(actual[k], challenger[k]);
                }
                means.add(s / (i - start));
                start = i;
            }
        }
        return test(means.stream().mapToDouble(Double::doubleValue).toArray(), loss, horizon,
                DieboldMariano.Aggregation.DATE_MEANS);
    }

    private static DieboldMariano test(double[] d, LossFunction loss, int horizon,
            DieboldMariano.Aggregation aggregation) {
        int n = d.length;
        double mean = Stats.mean(d).orElseThrow();
        OptionalDouble none = OptionalDouble.empty();
        if (n < 2 || horizon >= n) {
            return new DieboldMariano(n, horizon, loss, mean, none, none, none, none, none, aggregation);
        }
        double longRun = autocovariance(d, mean, 0);
        for (int k = 1; k < horizon; k++) {
            longRun += 2 * autocovariance(d, mean, k);
        }
        double variance = longRun / n;
        if (!(variance > 0)) {
            return new DieboldMariano(n, horizon, loss, mean, none, none, none, none, none, aggregation);
        }
        double dm = mean / Math.sqrt(variance);
        double h = horizon;
        double correction = Math.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n);
        double corrected = dm * correction;
        // Tails as survival functions (the lower tail at -t), so tiny p-values keep their precision.
        double upper = Stats.studentUpperTail(n - 1, corrected);
        double lower = Stats.studentUpperTail(n - 1, -corrected);
        double two = Math.min(1, 2 * Stats.studentUpperTail(n - 1, Math.abs(corrected)));
        return new DieboldMariano(n, horizon, loss, mean, OptionalDouble.of(dm), OptionalDouble.of(corrected),
                OptionalDouble.of(two), OptionalDouble.of(upper), OptionalDouble.of(lower), aggregation);
    }

    /** γ_k = (1/n) Σ_{t=k}^{n−1} (d_t − d̄)(d_{t−k} − d̄). */
    static double autocovariance(double[] d, double mean, int k) {
        double s = 0;
        for (int t = k; t < d.length; t++) {
            s += (d[t] - mean) * (d[t - k] - mean);
        }
        return s / d.length;
    }
}
