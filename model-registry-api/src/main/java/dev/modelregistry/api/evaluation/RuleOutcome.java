package dev.modelregistry.api.evaluation;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One rule of a recommendation: what was required, what was observed, and whether it held.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the rule's name, e.g. {@code min_hit_rate}
 * @param hard whether failing it rejects the model (otherwise it only withholds PROMOTE)
 * @param bound how the observed value is compared with the threshold
 * @param threshold the threshold
 * @param observed the observed value; empty when it could not be computed
 * @param status passed, failed, or undefined (no observed value)
 */
public record RuleOutcome(String rule, boolean hard, Bound bound, double threshold, OptionalDouble observed,
        Status status) {

    /** How an observed value must relate to the threshold. */
    public enum Bound {
        /** {@code observed ≥ threshold}. */
        AT_LEAST,
        /** {@code observed ≤ threshold}. */
        AT_MOST,
        /** {@code observed > threshold}. */
        GREATER_THAN
    }

    /** Whether a rule held. */
    public enum Status {
        /** The observed value meets the threshold. */
        PASSED,
        /** The observed value misses the threshold. */
        FAILED,
        /** There is no observed value, so the rule cannot be decided. */
        UNDEFINED
    }

    /**
     * Checks the fields.
     *
     * @param rule not null
     * @param hard hard or soft
     * @param bound not null
     * @param threshold the threshold
     * @param observed not null
     * @param status not null
     */
    public RuleOutcome {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(status, "status");
    }

    /**
     * Applies a rule to an observed value.
     *
     * @param rule the rule's name
     * @param hard whether failing it rejects
     * @param bound the comparison
     * @param threshold the threshold
     * @param observed the observed value, or empty
     * @return the outcome: UNDEFINED if {@code observed} is empty or not finite
     */
    public static RuleOutcome check(String rule, boolean hard, Bound bound, double threshold,
            OptionalDouble observed) {
        if (observed.isEmpty() || !Double.isFinite(observed.getAsDouble())) {
            return new RuleOutcome(rule, hard, bound, threshold, OptionalDouble.empty(), Status.UNDEFINED);
        }
        double v = observed.getAsDouble();
        boolean ok = switch (bound) {
            case AT_LEAST -> v >= threshold;
            case AT_MOST -> v <= threshold;
            case GREATER_THAN -> v > threshold;
        };
        return new RuleOutcome(rule, hard, bound, threshold, observed, ok ? Status.PASSED : Status.FAILED);
    }

    /**
     * Whether the rule held.
     *
     * @return true if PASSED
     */
    public boolean passed() {
        return status == Status.PASSED;
    }
}
