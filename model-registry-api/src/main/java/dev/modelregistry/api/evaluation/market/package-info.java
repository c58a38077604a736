/**
 * Market evaluation: metrics of predicted returns against realised returns — hit rate with its binomial
 * p-value, the Spearman information coefficient (per date for a cross-section), and a long/short
 * strategy with costs, Sharpe, drawdown and turnover — with their gates and score weights.
 *
 * <p>Turn it on with {@code EvaluationOptions.defaults().withDomain(MarketOptions.defaults())}; the report
 * then carries a {@link dev.modelregistry.api.evaluation.market.StockMetrics} section under
 * {@value dev.modelregistry.api.evaluation.market.MarketOptions#DOMAIN}, read with
 * {@code report.section(StockMetrics.class)}. This package builds on the generic evaluation package, never
 * the other way round.
 *
 * <p>Every type here is immutable and thread-safe.
 */
package dev.modelregistry.api.evaluation.market;
