/**
 * The market room of the evaluation: the {@link dev.modelregistry.core.evaluation.market.MarketScorer}
 * domain (hit rate, information coefficient, long/short strategy, found through {@link java.util.ServiceLoader}
 * and turned on with {@code MarketOptions}), the {@link dev.modelregistry.core.evaluation.market.PriceFeatures}
 * of a daily price series, and the {@link dev.modelregistry.core.evaluation.market.HtmlReport}, the one user
 * of XChart (through its public API only; it changes no JVM-wide setting).
 */
package dev.modelregistry.core.evaluation.market;
