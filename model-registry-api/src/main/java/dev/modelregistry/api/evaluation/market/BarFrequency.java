package dev.modelregistry.api.evaluation.market;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;

/**
 * How often the evaluated rows are observed, and the annualisation factor taken from it: the periods a
 * year that annualised return, volatility and Sharpe are scaled by.
 *
 * <p>Inferred from the predictions' dates (see {@link MarketOptions} for the rule) unless the options fix
 * the annualisation. The spacing is the median gap between consecutive distinct dates, so weekends,
 * holidays and overnight breaks, which are a minority of gaps, do not move it. A period followed by a gap
 * longer than 1.5 spacings is counted in {@code gaps}: a one-period-ahead label at such a period spans a
 * weekend, a holiday or a session break, and holds more than one period's risk.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind {@code daily}, {@code weekly}, {@code monthly}, {@code quarterly}, {@code yearly},
 *     {@code intraday}, {@code every-n-days}, {@code index} (times that are a counter, not a clock: one
 *     period per distinct date), {@code undated} (no dates) or {@code given} (annualisation set in the options)
 * @param spacingSeconds the median spacing between consecutive distinct dates in seconds; 0 when unknown
 *     (index, undated, given)
 * @param periodsPerYear the annualisation factor used, at least 1
 * @param rule how {@code periodsPerYear} was reached, in words, for example
 *     {@code "13 bars a day (every 30 min) × 252 trading days"}
 * @param gaps periods followed by a gap longer than 1.5 spacings (0 when the spacing is unknown)
 */
public record BarFrequency(String kind, long spacingSeconds, int periodsPerYear, String rule, int gaps) {
    /**
     * Checks the parts.
     *
     * @param kind not null
     * @param spacingSeconds at least 0
     * @param periodsPerYear at least 1
     * @param rule not null
     * @param gaps at least 0
     * @throws InvalidArgumentException if a number is out of range
     */
    public BarFrequency {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        if (periodsPerYear < 1 || spacingSeconds < 0 || gaps < 0) {
            throw new InvalidArgumentException("periodsPerYear must be >= 1 and spacing and gaps >= 0, got "
                    + periodsPerYear + ", " + spacingSeconds + ", " + gaps);
        }
    }

    /**
     * A frequency given, not inferred: the annualisation set in the options.
     *
     * @param periodsPerYear the annualisation factor, at least 1
     * @return the frequency, of kind {@code given}
     */
    public static BarFrequency given(int periodsPerYear) {
        return new BarFrequency("given", 0, periodsPerYear, periodsPerYear + " periods a year, set in the options", 0);
    }
}
