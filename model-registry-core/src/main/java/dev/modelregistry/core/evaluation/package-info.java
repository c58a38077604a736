/**
 * The generic evaluation: {@link dev.modelregistry.core.evaluation.DefaultEvaluator} (what
 * {@code registry.evaluator()} returns as an {@link dev.modelregistry.api.evaluation.Evaluator}),
 * {@link dev.modelregistry.core.evaluation.WalkForward} for out-of-sample predictions, and
 * {@link dev.modelregistry.core.evaluation.EvaluationReports} to store reports on a version. The
 * calculators behind them are package-private; the statistics come from
 * {@link dev.modelregistry.core.internal.Stats}.
 *
 * <p>Nothing here knows a domain: domains plug in through
 * {@link dev.modelregistry.api.evaluation.DomainScorer}, found with {@link java.util.ServiceLoader}. The
 * market domain is in {@code dev.modelregistry.core.evaluation.market}, which depends on this package's
 * api, never the reverse.
 */
package dev.modelregistry.core.evaluation;
