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
        double mean = Stats.mean(d).orElseThrow();
        OptionalDouble none = OptionalDouble.empty();
        if (n < 2 || horizon >= n) {
            return new DieboldMariano(n, horizon, loss, mean, none, none, none, none, none);
        }
        double longRun = autocovariance(d, mean, 0);
        for (int k = 1; k < horizon; k++) {
            longRun += 2 * autocovariance(d, mean, k);
        }
        double variance = longRun / n;
        if (!(variance > 0)) {
            return new DieboldMariano(n, horizon, loss, mean, none, none, none, none, none);
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
                OptionalDouble.of(two), OptionalDouble.of(upper), OptionalDouble.of(lower));
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
