package dev.modelregistry.api.training.service;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The metrics of one validation fold.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fold the fold's position, from 0
 * @param split which rows trained and tested
 * @param metrics metric name to value on the test rows
 */
public record FoldResult(int fold, Split split, Map<String, Double> metrics) {
    /**
     * Copies the metrics.
     *
     * @param fold the position
     * @param split the rows
     * @param metrics the metrics
     */
    public FoldResult {
        Objects.requireNonNull(split, "split");
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    }
}
