package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the monitoring rules that {@link Monitoring#check} evaluates over each deployment's
 * sliding window.
 *
 * <ul>
 *   <li><b>Drift</b> (per feature and for the predictions, against the reference): a warning when the
 *       PSI is at least {@code psiWarning} and the two-sample Kolmogorov–Smirnov test rejects equality at
 *       {@code ksAlpha}; critical when the PSI is at least {@code psiCritical}. Needing both for a warning
 *       keeps sampling noise from alerting.</li>
 *   <li><b>Error rate</b>: critical when more than {@code maxErrorRate} of the window's requests failed.</li>
 *   <li><b>Latency anomaly</b>: a warning when the window's p95 exceeds {@code latencyFactor} times the
 *       baseline (an exponentially weighted average of the p95 at earlier checks that raised no latency
 *       alert) and is more than one millisecond above it.</li>
 * </ul>
 * No rule judges a window with fewer than {@code minRequests} requests. The live-accuracy decay rules
 * ({@code live-hit-rate}, {@code live-ic}, {@code live-rmse}) and their window are in {@code accuracy}
 * (see {@link AccuracyRules}); they judge recorded outcomes, not the request window.
 *
 * <p>Immutable and thread-safe.
 *
 * @param minRequests the fewest requests in a window before any rule judges it, at least 1
 * @param psiWarning the PSI of a moderate shift (0.1 by convention), positive
 * @param psiCritical the PSI of a significant shift (0.25 by convention), at least {@code psiWarning}
 * @param ksAlpha the significance level of the Kolmogorov–Smirnov test, in (0, 1)
 * @param maxErrorRate the highest tolerated error rate, 0 to 1
 * @param latencyFactor how many times the baseline latency is anomalous, above 1
 * @param cooldown how long an alert is not repeated, zero or more
 * @param accuracy the window of live accuracy and its decay rules
 */
public record AlertRules(int minRequests, double psiWarning, double psiCritical, double ksAlpha, double maxErrorRate,
        double latencyFactor, Duration cooldown, AccuracyRules accuracy) {
    /**
     * Validates the rules.
     *
     * @param minRequests at least 1
     * @param psiWarning positive
     * @param psiCritical at least psiWarning
     * @param ksAlpha in (0, 1)
     * @param maxErrorRate 0 to 1
     * @param latencyFactor above 1
     * @param cooldown not negative
     * @param accuracy the live-accuracy rules
     * @throws InvalidArgumentException if a value is out of range
     */
    public AlertRules {
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(accuracy, "accuracy");
        if (minRequests < 1 || !(psiWarning > 0) || !(psiCritical >= psiWarning) || !(ksAlpha > 0 && ksAlpha < 1)
                || !(maxErrorRate >= 0 && maxErrorRate <= 1) || !(latencyFactor > 1) || cooldown.isNegative()) {
            throw new InvalidArgumentException("invalid alert rules: minRequests=" + minRequests + " psiWarning="
                    + psiWarning + " psiCritical=" + psiCritical + " ksAlpha=" + ksAlpha + " maxErrorRate="
                    + maxErrorRate + " latencyFactor=" + latencyFactor + " cooldown=" + cooldown);
        }
    }

    /**
     * Rules with the {@link AccuracyRules#defaults() default live-accuracy rules}.
     *
     * @param minRequests at least 1
     * @param psiWarning positive
     * @param psiCritical at least psiWarning
     * @param ksAlpha in (0, 1)
     * @param maxErrorRate 0 to 1
     * @param latencyFactor above 1
     * @param cooldown not negative
     * @throws InvalidArgumentException if a value is out of range
     */
    public AlertRules(int minRequests, double psiWarning, double psiCritical, double ksAlpha, double maxErrorRate,
            double latencyFactor, Duration cooldown) {
        this(minRequests, psiWarning, psiCritical, ksAlpha, maxErrorRate, latencyFactor, cooldown,
                AccuracyRules.defaults());
    }

    /**
     * The defaults: 200 requests, PSI bands 0.1 and 0.25, KS at 1 %, 5 % errors, 3 times the latency,
     * 15 minutes of cool-down, and {@link AccuracyRules#defaults()}.
     *
     * @return the defaults
     */
    public static AlertRules defaults() {
        return new AlertRules(200, 0.1, 0.25, 0.01, 0.05, 3.0, Duration.ofMinutes(15));
    }

    /**
     * A copy with other live-accuracy rules.
     *
     * @param value the window and decay rules of live accuracy
     * @return the new rules
     */
    public AlertRules withAccuracy(AccuracyRules value) {
        return new AlertRules(minRequests, psiWarning, psiCritical, ksAlpha, maxErrorRate, latencyFactor, cooldown,
                value);
    }

    /**
     * A copy with another cool-down.
     *
     * @param value not negative
     * @return the new rules
     */
    public AlertRules withCooldown(Duration value) {
        return new AlertRules(minRequests, psiWarning, psiCritical, ksAlpha, maxErrorRate, latencyFactor, value, accuracy);
    }

    /**
     * A copy with another minimum of requests.
     *
     * @param value at least 1
     * @return the new rules
     */
    public AlertRules withMinRequests(int value) {
        return new AlertRules(value, psiWarning, psiCritical, ksAlpha, maxErrorRate, latencyFactor, cooldown, accuracy);
    }

    /**
     * A copy with another error-rate limit.
     *
     * @param value 0 to 1
     * @return the new rules
     */
    public AlertRules withMaxErrorRate(double value) {
        return new AlertRules(minRequests, psiWarning, psiCritical, ksAlpha, value, latencyFactor, cooldown,
                accuracy);
    }
}
