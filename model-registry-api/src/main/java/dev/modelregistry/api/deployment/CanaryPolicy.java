package dev.modelregistry.api.deployment;

import dev.modelregistry.api.InvalidArgumentException;

/**
 * The rules of automatic canary analysis: the canary is judged against the stable version only once
 * both have served {@code minRequests} requests since the last decision (no data is not a pass).
 * The canary is rolled back when its error rate exceeds the stable one's by more than
 * {@code maxErrorRateDelta}, when its p95 latency exceeds {@code maxLatencyRatio} times the stable
 * one's, or when the population stability index of its predictions against the stable version's
 * exceeds {@code maxPredictionPsi}; otherwise it moves to its next traffic step, or is promoted after
 * its last step.
 *
 * <p>Immutable and thread-safe.
 *
 * @param minRequests requests each side must have served since the last decision, at least 1
 * @param maxErrorRateDelta the largest tolerated excess error rate (0.05 = five percentage points), 0 to 1
 * @param maxLatencyRatio the largest tolerated canary p95 / stable p95, at least 1 (may be infinite)
 * @param maxPredictionPsi the largest tolerated PSI of canary predictions against stable ones, positive
 *     (may be infinite)
 */
public record CanaryPolicy(long minRequests, double maxErrorRateDelta, double maxLatencyRatio,
        double maxPredictionPsi) {
    /**
     * Validates the policy.
     *
     * @param minRequests at least 1
     * @param maxErrorRateDelta 0 to 1
     * @param maxLatencyRatio at least 1
     * @param maxPredictionPsi positive
     * @throws InvalidArgumentException if a value is out of range or NaN
     */
    public CanaryPolicy {
        if (minRequests < 1) {
            throw new InvalidArgumentException("minRequests must be at least 1, got " + minRequests);
        }
        if (!(maxErrorRateDelta >= 0 && maxErrorRateDelta <= 1)) {
            throw new InvalidArgumentException("maxErrorRateDelta must be 0..1, got " + maxErrorRateDelta);
        }
        if (!(maxLatencyRatio >= 1)) {
            throw new InvalidArgumentException("maxLatencyRatio must be at least 1, got " + maxLatencyRatio);
        }
        if (!(maxPredictionPsi > 0)) {
            throw new InvalidArgumentException("maxPredictionPsi must be positive, got " + maxPredictionPsi);
        }
    }

    /**
     * The defaults: 500 requests, 2 percentage points of errors, 1.5 times the latency, PSI 0.25.
     *
     * @return the default policy
     */
    public static CanaryPolicy defaults() {
        return new CanaryPolicy(500, 0.02, 1.5, 0.25);
    }

    /**
     * A copy with another minimum number of requests.
     *
     * @param value at least 1
     * @return the new policy
     */
    public CanaryPolicy withMinRequests(long value) {
        return new CanaryPolicy(value, maxErrorRateDelta, maxLatencyRatio, maxPredictionPsi);
    }

    /**
     * A copy with another error-rate tolerance.
     *
     * @param value 0 to 1
     * @return the new policy
     */
    public CanaryPolicy withMaxErrorRateDelta(double value) {
        return new CanaryPolicy(minRequests, value, maxLatencyRatio, maxPredictionPsi);
    }

    /**
     * A copy with another latency tolerance.
     *
     * @param value at least 1, may be {@link Double#POSITIVE_INFINITY} to ignore latency
     * @return the new policy
     */
    public CanaryPolicy withMaxLatencyRatio(double value) {
        return new CanaryPolicy(minRequests, maxErrorRateDelta, value, maxPredictionPsi);
    }

    /**
     * A copy with another prediction-drift tolerance.
     *
     * @param value positive, may be {@link Double#POSITIVE_INFINITY} to ignore drift
     * @return the new policy
     */
    public CanaryPolicy withMaxPredictionPsi(double value) {
        return new CanaryPolicy(minRequests, maxErrorRateDelta, maxLatencyRatio, value);
    }
}
