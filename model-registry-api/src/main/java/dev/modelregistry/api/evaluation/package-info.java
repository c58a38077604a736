/**
 * Evaluation: an {@link dev.modelregistry.api.evaluation.Evaluator} scores a predictor (or ready-made
 * predictions) on data it did not train on, and compares a challenger with the champion.
 *
 * <p>A report holds regression or classification metrics, stock metrics (hit rate, information
 * coefficient, a long/short strategy, Sharpe, drawdown, turnover), stability across folds, a composite
 * score that shows its weights and inputs, and a {@link dev.modelregistry.api.evaluation.Decision}
 * naming every rule that decided it. Values that cannot be computed (a constant series has no
 * correlation, one class has no ROC-AUC) are empty {@link java.util.OptionalDouble}s, never NaN.
 *
 * <p>Every type here is immutable and thread-safe.
 */
package dev.modelregistry.api.evaluation;
