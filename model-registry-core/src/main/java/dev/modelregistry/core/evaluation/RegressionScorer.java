package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.evaluation.RegressionMetrics;
import java.util.OptionalDouble;

/**
 * RMSE, MAE, R², MAPE and explained variance. MAPE rule: rows whose actual is exactly zero are skipped
 * and counted; MAPE is empty when every actual is zero. Stateless, thread-safe.
 */
final class RegressionScorer {
    private RegressionScorer() {
    }

    static RegressionMetrics score(double[] actual, double[] predicted) {
        int n = actual.length;
        double se = 0;
        double ae = 0;
        double ape = 0;
        int zero = 0;
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - actual[i];
            errors[i] = e;
            se += e * e;
            ae += Math.abs(e);
            if (actual[i] == 0) {
                zero++;
            } else {
                ape += Math.abs(e) / Math.abs(actual[i]);
            }
        }
        double mean = Numbers.mean(actual);
        double tss = 0;
        for (double a : actual) {
            tss += (a - mean) * (a - mean);
        }
        double varActual = Numbers.populationVariance(actual);
        OptionalDouble r2 = tss > 0 ? OptionalDouble.of(1 - se / tss) : OptionalDouble.empty();
        OptionalDouble ev = varActual > 0 ? OptionalDouble.of(1 - Numbers.populationVariance(errors) / varActual)
                : OptionalDouble.empty();
        OptionalDouble mape = zero == n ? OptionalDouble.empty() : OptionalDouble.of(ape / (n - zero));
        return new RegressionMetrics(n, Math.sqrt(se / n), ae / n, r2, mape, zero, ev);
    }
}
