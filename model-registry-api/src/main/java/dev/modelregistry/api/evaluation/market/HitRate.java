package dev.modelregistry.api.evaluation.market;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How often the predicted sign matches the realised sign. Rows where the prediction or the return is
 * exactly zero have no sign and are skipped.
 *
 * <p>Two significance tests. {@code pValue} treats every row as an independent coin flip. On a panel
 * (rows sharing a date), the rows of one date move together (one market shock moves every asset), so that
 * test overstates the evidence; {@code pValueByDate} then clusters by date. With {@code h_i} 1 for a hit
 * and 0 for a miss, {@code p̂ = hits / trials}, {@code G} dates with at least one trial, and
 * {@code S_g = Σ_{i in date g} (h_i − p̂)}, the date-clustered (Liang–Zeger, CR1) variance of {@code p̂} is
 * {@code V = G / (G − 1) · Σ_g S_g² / trials²}; the statistic {@code t = (p̂ − 0.5) / √V} is compared with
 * Student's t with {@code G − 1} degrees of freedom, one-sided. With the same number of trials on every
 * date this is exactly the t test of the per-date hit rates' mean against 0.5 (Fama–MacBeth).
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits rows with matching signs
 * @param trials rows with both signs defined
 * @param skipped rows with a zero prediction or return
 * @param rate {@code hits / trials}; empty when there are no trials
 * @param pValue the one-sided binomial p-value {@code P(X ≥ hits)} for {@code X ~ Binomial(trials, 0.5)}
 *     — the chance a coin flip does this well, if rows were independent; empty when there are no trials
 * @param dates G, the number of dates with at least one trial; 0 when the rows carry no dates
 * @param pValueByDate the date-clustered one-sided p-value above; present only when some date holds more
 *     than one row, there are at least 2 dates and {@code V > 0}
 */
public record HitRate(long hits, long trials, long skipped, OptionalDouble rate, OptionalDouble pValue, int dates,
        OptionalDouble pValueByDate) {
    /**
     * Checks the parts.
     *
     * @param hits at least 0
     * @param trials at least {@code hits}
     * @param skipped at least 0
     * @param rate not null
     * @param pValue not null
     * @param dates at least 0
     * @param pValueByDate not null
     */
    public HitRate {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(pValue, "pValue");
        Objects.requireNonNull(pValueByDate, "pValueByDate");
    }

    /**
     * A hit rate of rows without dates (no clustered test).
     *
     * @param hits rows with matching signs
     * @param trials rows with both signs defined
     * @param skipped rows with a zero prediction or return
     * @param rate {@code hits / trials}
     * @param pValue the binomial p-value
     */
    public HitRate(long hits, long trials, long skipped, OptionalDouble rate, OptionalDouble pValue) {
        this(hits, trials, skipped, rate, pValue, 0, OptionalDouble.empty());
    }

    /**
     * The p-value the evaluation gates on: the date-clustered one when there is one (a panel), else the
     * row-wise binomial one.
     *
     * @return the p-value, or empty when there are no trials
     */
    public OptionalDouble gatingPValue() {
        return pValueByDate.isPresent() ? pValueByDate : pValue;
    }
}
