package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of an evaluation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sampleCount how many rows were scored
 * @param metrics metric name to value, sorted by name
 */
public record EvaluationReport(int sampleCount, Map<String, Double> metrics) {
    /**
     * Validates and copies the fields.
     *
     * @param sampleCount the number of rows
     * @param metrics the metrics
     */
    public EvaluationReport {
        if (sampleCount < 0) {
            throw new InvalidArgumentException("sampleCount must be >= 0, got " + sampleCount);
        }
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    }
}
