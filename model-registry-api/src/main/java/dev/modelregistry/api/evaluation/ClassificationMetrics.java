package dev.modelregistry.api.evaluation;

import java.util.OptionalDouble;

/**
 * Binary classification metrics; predictions are probabilities of the positive class (label 1).
 *
 * <p>Immutable and thread-safe.
 *
 * @param count the number of rows
 * @param threshold the probability at or above which a prediction is positive
 * @param accuracy {@code (tp + tn) / count}
 * @param precision {@code tp / (tp + fp)}; empty when nothing is predicted positive
 * @param recall {@code tp / (tp + fn)}; empty when nothing is actually positive
 * @param f1 {@code 2tp / (2tp + fp + fn)}; empty when the denominator is zero
 * @param rocAuc the probability that a random positive scores above a random negative, ties counting
 *     one half; empty when only one class occurs
 * @param logLoss {@code −mean(y ln p + (1 − y) ln(1 − p))} with p clipped to [ε, 1 − ε]
 * @param confusion the confusion matrix
 */
public record ClassificationMetrics(int count, double threshold, double accuracy, OptionalDouble precision,
        OptionalDouble recall, OptionalDouble f1, OptionalDouble rocAuc, double logLoss, ConfusionMatrix confusion) {
}
