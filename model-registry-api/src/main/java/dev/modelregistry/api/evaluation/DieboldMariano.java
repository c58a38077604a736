package dev.modelregistry.api.evaluation;

import java.util.OptionalDouble;

/**
 * The Diebold–Mariano test of equal predictive accuracy, with the Harvey–Leybourne–Newbold
 * small-sample correction. With loss differentials {@code d_t = L(champion_t) − L(challenger_t)}
 * (positive: the challenger erred less), {@code d̄} their mean, {@code γ_k = (1/n) Σ_{t>k} (d_t − d̄)(d_{t−k} − d̄)}
 * and {@code V = (γ_0 + 2 Σ_{k=1}^{h−1} γ_k) / n}, the statistic is {@code DM = d̄ / √V}, the corrected
 * statistic {@code DM* = DM · √((n + 1 − 2h + h(h − 1)/n) / n)}, compared with Student's t with n − 1
 * degrees of freedom.
 *
 * <p>On a panel (rows sharing a date) the rows of one date are not independent forecasts: one market
 * shock moves every asset's loss. The evaluation then tests the per-date series instead
 * ({@link Aggregation#DATE_MEANS}): {@code d_t} is the mean loss differential over the rows of date t, n is
 * the number of dates and h counts dates. The stacked-rows test is kept beside it for comparison
 * ({@link ChampionChallengerReport#stackedDieboldMariano()}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param count n, the number of paired forecasts (of dates, with {@link Aggregation#DATE_MEANS})
 * @param horizon h
 * @param loss the loss compared
 * @param meanDifferential {@code d̄}
 * @param statistic DM; empty when {@code V ≤ 0} (identical losses, for example) or n &lt; 2
 * @param correctedStatistic DM*; empty when DM is
 * @param pValue the two-sided p-value {@code 2 P(T > |DM*|)}
 * @param pValueChallengerBetter the one-sided p-value {@code P(T ≥ DM*)} against "the challenger is not better"
 * @param pValueChallengerWorse the one-sided p-value {@code P(T ≤ DM*)} against "the challenger is not worse"
 * @param aggregation what one {@code d_t} is: one row, or the mean of one date's rows; a report stored
 *     before this was recorded reads back as {@link Aggregation#ROWS}
 */
public record DieboldMariano(int count, int horizon, LossFunction loss, double meanDifferential,
        OptionalDouble statistic, OptionalDouble correctedStatistic, OptionalDouble pValue,
        OptionalDouble pValueChallengerBetter, OptionalDouble pValueChallengerWorse, Aggregation aggregation) {

    /** What one loss differential of the test is. */
    public enum Aggregation {
        /** Each row is one forecast (a single series, or rows taken as independent). */
        ROWS,
        /** Each date is one forecast: the mean loss differential over that date's rows (a panel). */
        DATE_MEANS
    }

    /**
     * Checks the parts.
     *
     * @param count n
     * @param horizon h
     * @param loss not null
     * @param meanDifferential d̄
     * @param statistic not null
     * @param correctedStatistic not null
     * @param pValue not null
     * @param pValueChallengerBetter not null
     * @param pValueChallengerWorse not null
     * @param aggregation null only when read from a report stored before it existed (then {@code ROWS})
     */
    public DieboldMariano {
        java.util.Objects.requireNonNull(loss, "loss");
        if (aggregation == null) {
            aggregation = Aggregation.ROWS;
        }
    }

    /**
     * A test over rows ({@link Aggregation#ROWS}).
     *
     * @param count n
     * @param horizon h
     * @param loss the loss
     * @param meanDifferential d̄
     * @param statistic DM
     * @param correctedStatistic DM*
     * @param pValue two-sided
     * @param pValueChallengerBetter one-sided, challenger better
     * @param pValueChallengerWorse one-sided, challenger worse
     */
    public DieboldMariano(int count, int horizon, LossFunction loss, double meanDifferential,
            OptionalDouble statistic, OptionalDouble correctedStatistic, OptionalDouble pValue,
            OptionalDouble pValueChallengerBetter, OptionalDouble pValueChallengerWorse) {
        this(count, horizon, loss, meanDifferential, statistic, correctedStatistic, pValue, pValueChallengerBetter,
                pValueChallengerWorse, Aggregation.ROWS);
    }
}
