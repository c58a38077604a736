package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.evaluation.RegressionMetrics;
import dev.modelregistry.core.internal.Metrics;
import dev.modelregistry.core.internal.Stats;
import java.util.OptionalDouble;

/**
 * RMSE, MAE, R², MAPE and explained variance. RMSE, MAE and R² come from {@link Metrics}, the
 * implementation validation uses too, so both report the same numbers. MAPE rule: rows whose actual is exactly zero are skipped
 * and counted; MAPE is empty when every actual is zero. Stateless, thread-safe.
 */
final class RegressionScorer {
    private RegressionScorer() {
    }

    static RegressionMetrics score(double[] actual, double[] predicted) {
        int n = actual.length;
        double ape = 0;
        int zero = 0;
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - actual[i];
            errors[i] = e;
            if (actual[i] == 0) {
                zero++;
            } else {
                ape += Math.abs(e) / Math.abs(actual[i]);
            }
        }
        double varActual = Stats.populationVariance(actual).orElseThrow();
        OptionalDouble ev = varActual > 0 ? OptionalDouble.of(1 - Stats.populationVariance(errors).orElseThrow() / varActual)
                : OptionalDouble.empty();
        OptionalDouble mape = zero == n ? OptionalDouble.empty() : OptionalDouble.of(ape / (n - zero));
        return new RegressionMetrics(n, Metrics.rmse(actual, predicted), Metrics.mae(actual, predicted),
                Metrics.r2(actual, predicted), mape, zero, ev);
    }
}
