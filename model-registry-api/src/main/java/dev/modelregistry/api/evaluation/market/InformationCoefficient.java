package dev.modelregistry.api.evaluation.market;

import java.util.OptionalDouble;

/**
 * The Spearman rank correlation between predictions and realised returns (ties take their average rank).
 *
 * <p>Cross-sectional (rows share dates): one IC per date with at least two rows; {@code mean} and
 * {@code std} (n − 1) over those dates, {@code icir = mean / std}, {@code tStat = icir · √periods}.
 * Time series (every date distinct, or no dates): one IC over all rows, {@code std} and {@code icir}
 * empty, and {@code tStat = ρ √((n − 2) / (1 − ρ²))}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param crossSectional whether the IC was computed per date
 * @param periods how many ICs were defined (dates, or 1 for a time series)
 * @param undefinedPeriods how many dates (or the one series) had a constant prediction or return, so no IC
 * @param mean the mean IC; empty when none is defined
 * @param std the standard deviation of the ICs; empty with fewer than two
 * @param icir {@code mean / std}; empty when std is empty or zero
 * @param tStat the t-statistic; empty when undefined (for example |ρ| = 1 in a time series)
 */
public record InformationCoefficient(boolean crossSectional, int periods, int undefinedPeriods, OptionalDouble mean,
        OptionalDouble std, OptionalDouble icir, OptionalDouble tStat) {
}
