package dev.modelregistry.api.evaluation.market;

import java.util.OptionalDouble;

/**
 * How often the predicted sign matches the realised sign. Rows where the prediction or the return is
 * exactly zero have no sign and are skipped.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits rows with matching signs
 * @param trials rows with both signs defined
 * @param skipped rows with a zero prediction or return
 * @param rate {@code hits / trials}; empty when there are no trials
 * @param pValue the one-sided binomial p-value {@code P(X ≥ hits)} for {@code X ~ Binomial(trials, 0.5)}
 *     — the chance a coin flip does this well; empty when there are no trials
 */
public record HitRate(long hits, long trials, long skipped, OptionalDouble rate, OptionalDouble pValue) {
}
