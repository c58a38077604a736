package dev.modelregistry.api.evaluation.market;

import dev.modelregistry.api.evaluation.ReportSection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Metrics of predicted returns against realised returns: the market section of an evaluation report.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hitRate sign agreement and its significance
 * @param ic the information coefficient
 * @param strategy the long/short strategy
 * @param strategyReturns the strategy's return in each period, for charts
 * @param frequency how often the rows are observed, and the annualisation taken from it; a report stored
 *     before frequencies were recorded reads back with {@link BarFrequency#given} of the strategy's
 *     annualisation
 */
public record StockMetrics(HitRate hitRate, InformationCoefficient ic, StrategyMetrics strategy,
        List<Double> strategyReturns, BarFrequency frequency) implements ReportSection {
    /**
     * Checks the parts and copies the returns.
     *
     * @param hitRate not null
     * @param ic not null
     * @param strategy not null
     * @param strategyReturns not null
     * @param frequency the frequency; null only when read from a report stored before it existed
     */
    public StockMetrics {
        Objects.requireNonNull(hitRate, "hitRate");
        Objects.requireNonNull(ic, "ic");
        Objects.requireNonNull(strategy, "strategy");
        strategyReturns = List.copyOf(strategyReturns);
        if (frequency == null) {
            frequency = BarFrequency.given(strategy.annualisation());
        }
    }

    /**
     * The section without a recorded frequency (the strategy's annualisation, as given).
     *
     * @param hitRate sign agreement and its significance
     * @param ic the information coefficient
     * @param strategy the long/short strategy
     * @param strategyReturns the strategy's return in each period
     */
    public StockMetrics(HitRate hitRate, InformationCoefficient ic, StrategyMetrics strategy,
            List<Double> strategyReturns) {
        this(hitRate, ic, strategy, strategyReturns, BarFrequency.given(strategy.annualisation()));
    }

    /**
     * The defined headline metrics: {@code hit_rate}, {@code hit_rate_p_value} (rows as independent),
     * {@code hit_rate_p_value_by_date} (clustered by date, on panels only), {@code ic}, {@code ic_std},
     * {@code icir}, {@code ic_t_stat}, {@code total_return}, {@code annual_return},
     * {@code annual_volatility}, {@code sharpe}, {@code max_drawdown} and {@code turnover}.
     *
     * @return metric name to value, sorted by name; undefined values left out
     */
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new TreeMap<>();
        put(m, "hit_rate", hitRate.rate());
        put(m, "hit_rate_p_value", hitRate.pValue());
        put(m, "hit_rate_p_value_by_date", hitRate.pValueByDate());
        put(m, "ic", ic.mean());
        put(m, "ic_std", ic.std());
        put(m, "icir", ic.icir());
        put(m, "ic_t_stat", ic.tStat());
        m.put("total_return", strategy.totalReturn());
        m.put("annual_return", strategy.annualisedReturn());
        put(m, "annual_volatility", strategy.annualisedVolatility());
        put(m, "sharpe", strategy.sharpe());
        m.put("max_drawdown", strategy.maxDrawdown());
        put(m, "turnover", strategy.turnover());
        return m;
    }

    private static void put(Map<String, Double> m, String name, OptionalDouble value) {
        value.ifPresent(v -> m.put(name, v));
    }
}
