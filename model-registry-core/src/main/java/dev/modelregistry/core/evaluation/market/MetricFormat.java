package dev.modelregistry.core.evaluation.market;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the report shows a metric to a person: a name in words and a value with its unit. Rates, returns
 * and drawdowns read as percentages ({@code 35.2 %}, not {@code 0.351656}); p-values keep their
 * magnitude ({@code 4.4e-21}); everything else gets four significant digits.
 */
final class MetricFormat {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("rmse", "RMSE"), Map.entry("mae", "MAE"), Map.entry("r2", "R²"), Map.entry("mse", "MSE"),
            Map.entry("ic", "IC (Spearman)"), Map.entry("icir", "ICIR"), Map.entry("ic_t", "IC t-statistic"),
            Map.entry("ic_t_stat", "IC t-statistic"), Map.entry("ic_std", "IC standard deviation"),
            Map.entry("mape", "MAPE"),
            Map.entry("roc_auc", "ROC AUC"), Map.entry("log_loss", "log-loss"), Map.entry("hit_rate", "hit rate"),
            Map.entry("hit_rate_p_value", "hit-rate p-value (rows as independent)"),
            Map.entry("hit_rate_p_value_by_date", "hit-rate p-value (clustered by date)"),
            Map.entry("hit_rate_significance", "hit-rate p-value"), Map.entry("sharpe", "Sharpe ratio (annualised)"),
            Map.entry("max_drawdown", "maximum drawdown"), Map.entry("turnover", "turnover per period"),
            Map.entry("annual_return", "annual return"), Map.entry("annual_volatility", "annual volatility"));
    /** Words that make a metric a fraction shown as a percentage. */
    private static final Set<String> FRACTIONS = Set.of("rate", "accuracy", "drawdown", "return", "volatility",
            "turnover", "precision", "recall");

    private MetricFormat() {
    }

    /** The metric's name in words. */
    static String label(String metric) {
        String known = NAMES.get(metric);
        return known != null ? known : metric.replace('_', ' ');
    }

    /** Whether the metric is a fraction, shown as a percentage. */
    static boolean isFraction(String metric) {
        if (metric.contains("p_value") || metric.contains("significance")) {
            return false;
        }
        for (String part : metric.split("_")) {
            if (FRACTIONS.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** The value with its unit. */
    static String value(String metric, double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "undefined" : (v > 0 ? "∞" : "−∞");
        }
        if (metric.contains("p_value") || metric.contains("significance")) {
            return v != 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.2e", v)
                    : String.format(Locale.ROOT, "%.4f", v);
        }
        if (isFraction(metric)) {
            return String.format(Locale.ROOT, "%.2f %%", 100 * v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
