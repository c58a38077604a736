package dev.modelregistry.api.evaluation;

import java.util.OptionalDouble;

/**
 * Regression metrics, with {@code e = prediction − actual}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param count the number of rows
 * @param rmse {@code √(mean e²)}
 * @param mae {@code mean |e|}
 * @param r2 {@code 1 − Σe² / Σ(actual − mean)²}; empty when the actuals are constant
 * @param mape {@code mean |e| / |actual|} as a fraction (0.1 = 10 %) over the rows whose actual is not
 *     zero; empty when every actual is zero
 * @param mapeZeroTargets how many rows MAPE skipped because their actual was exactly zero
 * @param explainedVariance {@code 1 − Var(e) / Var(actual)}; empty when the actuals are constant
 */
public record RegressionMetrics(int count, double rmse, double mae, OptionalDouble r2, OptionalDouble mape,
        int mapeZeroTargets, OptionalDouble explainedVariance) {
}
