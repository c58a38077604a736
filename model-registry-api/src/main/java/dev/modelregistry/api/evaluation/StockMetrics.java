package dev.modelregistry.api.evaluation;

import java.util.Objects;

/**
 * Metrics of predicted returns against realised returns.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hitRate sign agreement and its significance
 * @param ic the information coefficient
 * @param strategy the long/short strategy
 */
public record StockMetrics(HitRate hitRate, InformationCoefficient ic, StrategyMetrics strategy) {
    /**
     * Checks the parts.
     *
     * @param hitRate not null
     * @param ic not null
     * @param strategy not null
     */
    public StockMetrics {
        Objects.requireNonNull(hitRate, "hitRate");
        Objects.requireNonNull(ic, "ic");
        Objects.requireNonNull(strategy, "strategy");
    }
}
