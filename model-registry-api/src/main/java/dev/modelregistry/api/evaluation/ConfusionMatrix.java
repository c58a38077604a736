package dev.modelregistry.api.evaluation;

/**
 * Counts of a binary classification at a threshold.
 *
 * <p>Immutable and thread-safe.
 *
 * @param truePositives predicted positive, actually positive
 * @param falsePositives predicted positive, actually negative
 * @param trueNegatives predicted negative, actually negative
 * @param falseNegatives predicted negative, actually positive
 */
public record ConfusionMatrix(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
}
