package dev.modelregistry.api.evaluation.market;

import java.util.OptionalDouble;

/**
 * The long/short strategy that holds {@code sign(prediction)} of each asset for one period. Its return
 * in a period is the mean over that period's rows of {@code sign(prediction) · return}, less
 * {@code costBps / 10 000} times the mean absolute position change (the position before the first
 * period is flat). Equity compounds: {@code E_t = Π (1 + r_s)}, starting at 1.
 *
 * <p>Immutable and thread-safe.
 *
 * @param periods the number of periods (dates)
 * @param annualisation periods per year
 * @param costBps the cost charged
 * @param totalReturn {@code E_T − 1}
 * @param annualisedReturn {@code mean(r) · annualisation}
 * @param annualisedVolatility {@code std(r) · √annualisation} (n − 1); empty with one period
 * @param sharpe {@code mean(r) / std(r) · √annualisation} (no risk-free rate); empty when std is empty or zero
 * @param maxDrawdown the largest {@code 1 − E_t / max_{s≤t} E_s}, with the peak starting at 1;
 *     above 1 only if the equity falls below zero (a loss of more than everything)
 * @param turnover the mean absolute position change per asset and period (0 to 2); empty for a
 *     cross-section without asset keys
 */
public record StrategyMetrics(int periods, int annualisation, double costBps, double totalReturn,
        double annualisedReturn, OptionalDouble annualisedVolatility, OptionalDouble sharpe, double maxDrawdown,
        OptionalDouble turnover) {
}
