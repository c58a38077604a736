package dev.modelregistry.api.evaluation;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of one fold (only those defined on it).
 *
 * <p>Immutable and thread-safe.
 *
 * @param fold the fold number
 * @param count the fold's rows
 * @param metrics metric name to value, sorted by name
 */
public record FoldMetrics(int fold, int count, Map<String, Double> metrics) {
    /**
     * Copies the metrics.
     *
     * @param fold the fold number
     * @param count the rows
     * @param metrics the metrics
     */
    public FoldMetrics {
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    }
}
