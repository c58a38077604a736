package dev.modelregistry.api.evaluation;

/**
 * One metric of the champion and the challenger (only metrics both define).
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric name
 * @param champion the champion's value
 * @param challenger the challenger's value
 * @param delta {@code challenger − champion}
 */
public record MetricComparison(String metric, double champion, double challenger, double delta) {
}
