package dev.modelregistry.api.evaluation;

import java.util.OptionalDouble;

/**
 * How one metric varies across folds (over the folds where it is defined).
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric name
 * @param higherIsBetter whether larger values are better (decides the worst fold)
 * @param folds how many folds define it
 * @param mean the mean across folds
 * @param std the standard deviation across folds (n − 1); empty with one fold
 * @param worst the worst value
 * @param worstFold the fold with the worst value
 * @param trendSlope the least-squares slope of the metric against the fold number (per fold); empty with one fold
 */
public record MetricDispersion(String metric, boolean higherIsBetter, int folds, double mean, OptionalDouble std,
        double worst, int worstFold, OptionalDouble trendSlope) {
}
