package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.ModelRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A rule that fired on a deployment.
 *
 * <p>Immutable and thread-safe.
 *
 * @param severity how urgent
 * @param rule the rule: {@code feature-drift}, {@code prediction-drift}, {@code error-rate},
 *     {@code latency-anomaly}, or a live-accuracy decay rule ({@code live-hit-rate}, {@code live-ic},
 *     {@code live-rmse}; see {@link AccuracyRules})
 * @param subject what the rule looked at: a feature name, {@code prediction}, or the empty string
 * @param observed the value observed
 * @param threshold the limit it crossed
 * @param environment the environment
 * @param deploymentId the deployment
 * @param version its version
 * @param at when the alert was raised (by the registry's clock)
 * @param message the same in words
 */
public record Alert(Severity severity, String rule, String subject, double observed, double threshold,
        String environment, long deploymentId, ModelRef.Numbered version, Instant at, String message) {
    /**
     * Checks that no field is null.
     *
     * @param severity how urgent
     * @param rule the rule's name
     * @param subject a feature name, {@code prediction}, or the empty string
     * @param observed the value observed
     * @param threshold the limit it crossed
     * @param environment the environment
     * @param deploymentId the deployment
     * @param version its version
     * @param at when the alert was raised
     * @param message the alert in words
     * @throws NullPointerException if an object argument is null
     */
    public Alert {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }
}
