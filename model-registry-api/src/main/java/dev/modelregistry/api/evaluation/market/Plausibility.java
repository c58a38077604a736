package dev.modelregistry.api.evaluation.market;

import dev.modelregistry.api.InvalidArgumentException;

/**
 * Ceilings on market metrics that no real model of next-period returns reaches out of sample. A value above
 * one of them says the evaluation leaked (the label or future data in a feature, or evaluation on training
 * rows), not that the model is excellent. Each ceiling that is exceeded adds a failed rule, which caps the
 * recommendation at HOLD and is logged at WARN:
 * <ul>
 *   <li>{@code guard_max_r2}: R² of the predictions (default 0.3; daily return models reach about 0.01);</li>
 *   <li>{@code guard_max_hit_rate}: share of rows with the right sign (default 0.7; good models reach
 *       0.52–0.56);</li>
 *   <li>{@code guard_max_ic}: mean Spearman information coefficient (default 0.3; good models reach
 *       0.02–0.1);</li>
 *   <li>{@code guard_max_sharpe}: annualised Sharpe ratio of the sign strategy after costs (default 4; the
 *       best published daily strategies stay below 3).</li>
 * </ul>
 * Raise a ceiling for data where more is plausible (for example intraday bars of an illiquid asset), or
 * use {@link #none()} to turn the ceilings off. A ceiling at its metric's maximum (1 for hit rate and IC,
 * +∞ for R² and Sharpe) is off and adds no rule.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxR2 the R² ceiling, greater than 0
 * @param maxHitRate the hit-rate ceiling, in (0.5, 1]
 * @param maxIc the IC ceiling, in (0, 1]
 * @param maxSharpe the Sharpe ceiling, greater than 0
 */
public record Plausibility(double maxR2, double maxHitRate, double maxIc, double maxSharpe) {

    /**
     * Validates the ceilings.
     *
     * @param maxR2 greater than 0
     * @param maxHitRate in (0.5, 1]
     * @param maxIc in (0, 1]
     * @param maxSharpe greater than 0
     * @throws InvalidArgumentException naming the first ceiling out of range
     */
    public Plausibility {
        if (!(maxR2 > 0)) {
            throw new InvalidArgumentException("maxR2 must be > 0, got " + maxR2);
        }
        if (!(maxHitRate > 0.5 && maxHitRate <= 1)) {
            throw new InvalidArgumentException("maxHitRate must be in (0.5, 1], got " + maxHitRate);
        }
        if (!(maxIc > 0 && maxIc <= 1)) {
            throw new InvalidArgumentException("maxIc must be in (0, 1], got " + maxIc);
        }
        if (!(maxSharpe > 0)) {
            throw new InvalidArgumentException("maxSharpe must be > 0, got " + maxSharpe);
        }
    }

    /**
     * The defaults for daily or slower returns: R² 0.3, hit rate 0.7, IC 0.3, Sharpe 4.
     *
     * @return the defaults
     */
    public static Plausibility defaults() {
        return new Plausibility(0.3, 0.7, 0.3, 4);
    }

    /**
     * Ceilings that are all off (R² and Sharpe unbounded, hit rate and IC 1), so they add no rule.
     *
     * @return ceilings that are off
     */
    public static Plausibility none() {
        return new Plausibility(Double.POSITIVE_INFINITY, 1, 1, Double.POSITIVE_INFINITY);
    }

    /**
     * A copy with another R² ceiling.
     *
     * @param value greater than 0
     * @return the copy
     */
    public Plausibility withMaxR2(double value) {
        return new Plausibility(value, maxHitRate, maxIc, maxSharpe);
    }

    /**
     * A copy with another hit-rate ceiling.
     *
     * @param value in (0.5, 1]
     * @return the copy
     */
    public Plausibility withMaxHitRate(double value) {
        return new Plausibility(maxR2, value, maxIc, maxSharpe);
    }

    /**
     * A copy with another IC ceiling.
     *
     * @param value in (0, 1]
     * @return the copy
     */
    public Plausibility withMaxIc(double value) {
        return new Plausibility(maxR2, maxHitRate, value, maxSharpe);
    }

    /**
     * A copy with another Sharpe ceiling.
     *
     * @param value greater than 0
     * @return the copy
     */
    public Plausibility withMaxSharpe(double value) {
        return new Plausibility(maxR2, maxHitRate, maxIc, value);
    }
}
