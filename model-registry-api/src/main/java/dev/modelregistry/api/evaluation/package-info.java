/**
 * Evaluation: an {@link dev.modelregistry.api.evaluation.Evaluator} scores a predictor (or ready-made
 * predictions) on data it did not train on, and compares a challenger with the champion.
 *
 * <p>A report holds regression or classification metrics, stability across folds, a composite score
 * that shows its weights and inputs, and a {@link dev.modelregistry.api.evaluation.Decision} naming every
 * rule that decided it. Values that cannot be computed (a constant series has no correlation, one class
 * has no ROC-AUC) are empty {@link java.util.OptionalDouble}s, never NaN.
 *
 * <p>Domain-specific evaluation plugs in through the {@link dev.modelregistry.api.evaluation.DomainScorer}
 * SPI: {@link dev.modelregistry.api.evaluation.DomainOptions} in the options turn a domain on, and its
 * {@link dev.modelregistry.api.evaluation.ReportSection} joins the report with its rules and score
 * components. The market metrics of predicted returns ({@code market}) are one such domain; nothing here
 * depends on them.
 *
 * <p>Every type here is immutable and thread-safe.
 */
package dev.modelregistry.api.evaluation;
