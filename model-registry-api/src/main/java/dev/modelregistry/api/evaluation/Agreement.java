package dev.modelregistry.api.evaluation;

import java.util.OptionalDouble;

/**
 * How alike two models' predictions on the same rows are.
 *
 * <p>Immutable and thread-safe.
 *
 * @param count the rows
 * @param signAgreement the share of rows where both predict the same sign (zero counts as a sign)
 * @param correlation the Pearson correlation of the predictions; empty if either is constant
 * @param meanAbsoluteDifference {@code mean |a − b|}
 */
public record Agreement(int count, double signAgreement, OptionalDouble correlation, double meanAbsoluteDifference) {
}
