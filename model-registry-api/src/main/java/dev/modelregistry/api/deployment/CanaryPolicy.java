package dev.modelregistry.api.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of automatic canary analysis: the canary is judged against the stable version only once
 * both have served {@code minRequests} requests since the last decision (no data is not a pass).
 * The canary is rolled back when its error rate exceeds the stable one's by more than
 * {@code maxErrorRateDelta}, when its p95 latency exceeds {@code maxLatencyRatio} times the stable
 * one's, or when the population stability index of its predictions against the stable version's
 * exceeds {@code maxPredictionPsi}; otherwise it moves to its next traffic step, or is promoted after
 * its last step.
 *
 * <p><b>Live accuracy</b> (optional, off unless {@code minOutcomes > 0}): the canary is also compared with
 * the stable version on the outcomes recorded for predictions each served since the canary was deployed
 * (the same period, so the same market). Until each side has {@code minOutcomes} outcomes the verdict
 * is WAIT: the canary is neither stepped up nor promoted without the truth. Then two one-sided tests,
 * each at {@code liveAccuracyAlpha / 2} (Bonferroni, so a canary as good as the stable one is rolled back
 * by either with probability at most {@code liveAccuracyAlpha}):
 * <ul>
 *   <li>the two-proportion z-test of hit rates (pooled proportion), H1: the canary's hit rate is lower;</li>
 *   <li>Welch's t-test of squared errors, H1: the canary's mean squared error is higher.</li>
 * </ul>
 * A canary significantly worse on either is rolled back, and the verdict says which test, with the
 * numbers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param minRequests requests each side must have served since the last decision, at least 1
 * @param maxErrorRateDelta the largest tolerated excess error rate (0.05 = five percentage points), 0 to 1
 * @param maxLatencyRatio the largest tolerated canary p95 / stable p95, at least 1 (may be infinite)
 * @param maxPredictionPsi the largest tolerated PSI of canary predictions against stable ones, positive
 *     (may be infinite)
 * @param minOutcomes outcomes each side needs before the live-accuracy rule judges; 0 turns the rule off
 * @param liveAccuracyAlpha the family-wise significance level of the live-accuracy tests, in (0, 1)
 */
public record CanaryPolicy(long minRequests, double maxErrorRateDelta, double maxLatencyRatio,
        double maxPredictionPsi, int minOutcomes, double liveAccuracyAlpha) {
    /**
     * Validates the policy.
     *
     * @param minRequests at least 1
     * @param maxErrorRateDelta 0 to 1
     * @param maxLatencyRatio at least 1
     * @param maxPredictionPsi positive
     * @param minOutcomes 0 (off) or more
     * @param liveAccuracyAlpha in (0, 1)
     * @throws InvalidArgumentException if a value is out of range or NaN
     */
    public CanaryPolicy {
        if (minOutcomes == 0 && liveAccuracyAlpha == 0) {
            // A policy stored before the live-accuracy rule existed reads back with both fields absent (0).
            liveAccuracyAlpha = DEFAULT_LIVE_ACCURACY_ALPHA;
        }
        if (minOutcomes < 0) {
            throw new InvalidArgumentException("minOutcomes must be 0 (off) or more, got " + minOutcomes);
        }
        if (!(liveAccuracyAlpha > 0 && liveAccuracyAlpha < 1)) {
            throw new InvalidArgumentException("liveAccuracyAlpha must be in (0, 1), got " + liveAccuracyAlpha);
        }
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
     * A policy without the live-accuracy rule.
     *
     * @param minRequests at least 1
     * @param maxErrorRateDelta 0 to 1
     * @param maxLatencyRatio at least 1
     * @param maxPredictionPsi positive
     * @throws InvalidArgumentException if a value is out of range or NaN
     */
    public CanaryPolicy(long minRequests, double maxErrorRateDelta, double maxLatencyRatio, double maxPredictionPsi) {
        this(minRequests, maxErrorRateDelta, maxLatencyRatio, maxPredictionPsi, 0, DEFAULT_LIVE_ACCURACY_ALPHA);
    }

    /** The significance level of the live-accuracy tests unless set: 5 %. */
    public static final double DEFAULT_LIVE_ACCURACY_ALPHA = 0.05;

    /**
     * The defaults: 500 requests, 2 percentage points of errors, 1.5 times the latency, PSI 0.25, no
     * live-accuracy rule (it needs the caller to record outcomes).
     *
     * @return the default policy
     */
    public static CanaryPolicy defaults() {
        return new CanaryPolicy(500, 0.02, 1.5, 0.25);
    }

    /**
     * The defaults with the values given replacing theirs: the form a policy takes in a request body or on a
     * command line, where a field left out keeps its default.
     *
     * @param minRequests at least 1
     * @param maxErrorRateDelta 0 to 1
     * @param maxLatencyRatio at least 1
     * @param maxPredictionPsi positive
     * @param minOutcomes 0 (off) or more
     * @param liveAccuracyAlpha in (0, 1)
     * @return the policy
     * @throws InvalidArgumentException if a value given is out of range or NaN
     */
    public static CanaryPolicy defaultsWith(Optional<Long> minRequests, Optional<Double> maxErrorRateDelta,
            Optional<Double> maxLatencyRatio, Optional<Double> maxPredictionPsi, Optional<Integer> minOutcomes,
            Optional<Double> liveAccuracyAlpha) {
        CanaryPolicy d = defaults();
        return new CanaryPolicy(
                Objects.requireNonNull(minRequests, "minRequests").orElse(d.minRequests),
                Objects.requireNonNull(maxErrorRateDelta, "maxErrorRateDelta").orElse(d.maxErrorRateDelta),
                Objects.requireNonNull(maxLatencyRatio, "maxLatencyRatio").orElse(d.maxLatencyRatio),
                Objects.requireNonNull(maxPredictionPsi, "maxPredictionPsi").orElse(d.maxPredictionPsi),
                Objects.requireNonNull(minOutcomes, "minOutcomes").orElse(d.minOutcomes),
                Objects.requireNonNull(liveAccuracyAlpha, "liveAccuracyAlpha").orElse(d.liveAccuracyAlpha));
    }

    /**
     * A copy that also compares live accuracy (see the class comment).
     *
     * @param minOutcomes outcomes each side needs before judging, at least 1 (0 turns the rule off)
     * @param alpha the family-wise significance level of the two tests, in (0, 1)
     * @return the new policy
     */
    public CanaryPolicy withLiveAccuracy(int minOutcomes, double alpha) {
        return new CanaryPolicy(minRequests, maxErrorRateDelta, maxLatencyRatio, maxPredictionPsi, minOutcomes, alpha);
    }

    /**
     * A copy with another minimum number of requests.
     *
     * @param value at least 1
     * @return the new policy
     */
    public CanaryPolicy withMinRequests(long value) {
        return new CanaryPolicy(value, maxErrorRateDelta, maxLatencyRatio, maxPredictionPsi,
                minOutcomes, liveAccuracyAlpha);
    }

    /**
     * A copy with another error-rate tolerance.
     *
     * @param value 0 to 1
     * @return the new policy
     */
    public CanaryPolicy withMaxErrorRateDelta(double value) {
        return new CanaryPolicy(minRequests, value, maxLatencyRatio, maxPredictionPsi,
                minOutcomes, liveAccuracyAlpha);
    }

    /**
     * A copy with another latency tolerance.
     *
     * @param value at least 1, may be {@link Double#POSITIVE_INFINITY} to ignore latency
     * @return the new policy
     */
    public CanaryPolicy withMaxLatencyRatio(double value) {
        return new CanaryPolicy(minRequests, maxErrorRateDelta, value, maxPredictionPsi,
                minOutcomes, liveAccuracyAlpha);
    }

    /**
     * A copy with another prediction-drift tolerance.
     *
     * @param value positive, may be {@link Double#POSITIVE_INFINITY} to ignore drift
     * @return the new policy
     */
    public CanaryPolicy withMaxPredictionPsi(double value) {
        return new CanaryPolicy(minRequests, maxErrorRateDelta, maxLatencyRatio, value,
                minOutcomes, liveAccuracyAlpha);
    }
}
