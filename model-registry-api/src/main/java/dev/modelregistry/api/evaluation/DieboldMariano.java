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
 * <p>Immutable and thread-safe.
 *
 * @param count n, the number of paired forecasts
 * @param horizon h
 * @param loss the loss compared
 * @param meanDifferential {@code d̄}
 * @param statistic DM; empty when {@code V ≤ 0} (identical losses, for example) or n &lt; 2
 * @param correctedStatistic DM*; empty when DM is
 * @param pValue the two-sided p-value {@code 2 P(T > |DM*|)}
 * @param pValueChallengerBetter the one-sided p-value {@code P(T ≥ DM*)} against "the challenger is not better"
 * @param pValueChallengerWorse the one-sided p-value {@code P(T ≤ DM*)} against "the challenger is not worse"
 */
public record DieboldMariano(int count, int horizon, LossFunction loss, double meanDifferential,
        OptionalDouble statistic, OptionalDouble correctedStatistic, OptionalDouble pValue,
        OptionalDouble pValueChallengerBetter, OptionalDouble pValueChallengerWorse) {
}
