package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/**
 * The window of live accuracy ({@link Monitoring#liveAccuracy}) and the rules that raise alerts when a
 * version's live accuracy decays against the figures of its stored evaluation report (document
 * {@code evaluation}). Each rule compares the live value over the window with the evaluation's value
 * taken as fixed, and judges only once the window holds at least {@code minOutcomes} outcomes:
 *
 * <ul>
 *   <li><b>{@code live-hit-rate}</b> (warning): the exact one-sided binomial test of the live hits
 *       against the evaluation's hit rate {@code h}: {@code P(X <= hits)} for
 *       {@code X ~ Binomial(trials, h)} is below {@code alpha}.</li>
 *   <li><b>{@code live-ic}</b> (warning): the live Spearman IC is significantly below the evaluation's
 *       IC, by Fisher's z with the Spearman variance {@code 1.06 / (n − 3)}: the one-sided p-value is
 *       below {@code alpha}. Skipped when the evaluation's IC is a mean of per-date cross-sections,
 *       because the live IC is one correlation pooled over the window and the two are not the same
 *       statistic.</li>
 *   <li><b>{@code live-rmse}</b> (warning): the live RMSE is above {@code maxRmseRatio} times the
 *       evaluation's RMSE. A ratio, not a test: squared errors of returns are heavy-tailed and follow the
 *       volatility regime, so no test of them is honest on a short window.</li>
 * </ul>
 * A version without a stored evaluation, or whose evaluation lacks the figure, is not judged by that
 * rule.
 *
 * <p>Immutable and thread-safe.
 *
 * @param window the most recent outcomes per version that live accuracy covers (by prediction time), at
 *     least 10
 * @param maxAge only predictions served within this long before now count, positive
 * @param minOutcomes the fewest outcomes in the window before a decay rule judges, at least 10
 * @param alpha the significance level of the hit-rate and IC decay tests, in (0, 1)
 * @param maxRmseRatio the highest tolerated live RMSE / evaluation RMSE, above 1 (may be infinite to turn
 *     the rule off)
 */
public record AccuracyRules(int window, Duration maxAge, int minOutcomes, double alpha, double maxRmseRatio) {
    /**
     * Validates the rules.
     *
     * @param window at least 10
     * @param maxAge positive
     * @param minOutcomes at least 10
     * @param alpha in (0, 1)
     * @param maxRmseRatio above 1
     * @throws InvalidArgumentException if a value is out of range
     * @throws NullPointerException if {@code maxAge} is null
     */
    public AccuracyRules {
        Objects.requireNonNull(maxAge, "maxAge");
        if (window < 10 || maxAge.isNegative() || maxAge.isZero() || minOutcomes < 10 || !(alpha > 0 && alpha < 1)
                || !(maxRmseRatio > 1)) {
            throw new InvalidArgumentException("invalid accuracy rules: window=" + window + " maxAge=" + maxAge
                    + " minOutcomes=" + minOutcomes + " alpha=" + alpha + " maxRmseRatio=" + maxRmseRatio);
        }
    }

    /**
     * The defaults: the last 1,000 outcomes of predictions served within 30 days, judged from 100
     * outcomes, tests at 1 %, RMSE up to 1.5 times the evaluation's.
     *
     * @return the defaults
     */
    public static AccuracyRules defaults() {
        return new AccuracyRules(1_000, Duration.ofDays(30), 100, 0.01, 1.5);
    }

    /**
     * A copy with another window.
     *
     * @param outcomes at least 10
     * @param age positive
     * @return the new rules
     */
    public AccuracyRules withWindow(int outcomes, Duration age) {
        return new AccuracyRules(outcomes, age, minOutcomes, alpha, maxRmseRatio);
    }

    /**
     * A copy with another minimum of outcomes.
     *
     * @param value at least 10
     * @return the new rules
     */
    public AccuracyRules withMinOutcomes(int value) {
        return new AccuracyRules(window, maxAge, value, alpha, maxRmseRatio);
    }
}
