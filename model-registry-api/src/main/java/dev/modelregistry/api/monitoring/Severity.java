package dev.modelregistry.api.monitoring;

/** How urgent an {@link Alert} is. */
public enum Severity {
    /** Worth a look: a moderate shift (PSI 0.1 to 0.25) or a latency anomaly. */
    WARNING,
    /** Act now: a significant shift (PSI 0.25 or more) or an error rate above its limit. */
    CRITICAL
}
