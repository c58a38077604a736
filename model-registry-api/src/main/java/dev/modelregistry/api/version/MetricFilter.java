package dev.modelregistry.api.version;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.Names;
import java.util.Objects;

/**
 * A threshold on a metric, for search: {@code rmse < 0.2}. Versions without the metric never match.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric name
 * @param comparison how to compare
 * @param value the threshold, finite
 */
public record MetricFilter(String metric, Comparison comparison, double value) {
    /**
     * Validates the fields.
     *
     * @param metric the metric name
     * @param comparison how to compare
     * @param value the threshold
     */
    public MetricFilter {
        Names.requireMetricName(metric);
        Objects.requireNonNull(comparison, "comparison");
        if (!Double.isFinite(value)) {
            throw new InvalidArgumentException("metric threshold must be finite, got " + value);
        }
    }

    /** How a metric is compared with its threshold. */
    public enum Comparison {
        /** metric &lt; value. */
        LESS_THAN("<"),
        /** metric &lt;= value. */
        AT_MOST("<="),
        /** metric &gt; value. */
        GREATER_THAN(">"),
        /** metric &gt;= value. */
        AT_LEAST(">="),
        /** metric == value. */
        EQUAL("=");

        private final String sql;

        Comparison(String sql) {
            this.sql = sql;
        }

        /**
         * The operator's symbol.
         *
         * @return e.g. {@code <=}
         */
        public String symbol() {
            return sql;
        }
    }
}
