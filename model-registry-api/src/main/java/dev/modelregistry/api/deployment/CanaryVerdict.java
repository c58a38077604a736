package dev.modelregistry.api.deployment;

import java.util.Objects;

/**
 * The outcome of one canary analysis: what {@link Deployer#analyze} decided and did, or what
 * {@link Deployer#assess} finds it would decide now (then nothing was done).
 *
 * <p>Immutable and thread-safe.
 *
 * @param environment the environment analysed
 * @param decision what was decided (and, unless {@code WAIT} or {@code NOTHING_TO_ANALYZE}, done)
 * @param reason the numbers behind the decision, in words
 */
public record CanaryVerdict(String environment, Decision decision, String reason) {
    /**
     * Validates the fields.
     *
     * @param environment the environment
     * @param decision the decision
     * @param reason the reason
     * @throws NullPointerException if an argument is null
     */
    public CanaryVerdict {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
    }

    /** What canary analysis decided. */
    public enum Decision {
        /** No canary with a policy runs in the environment. */
        NOTHING_TO_ANALYZE,
        /** Too few requests to judge; nothing changed. */
        WAIT,
        /** The canary passed and moved to its next traffic step. */
        STEP_UP,
        /** The canary passed its last step and became the stable version. */
        PROMOTE,
        /** The canary failed a rule and was taken out of traffic. */
        ROLLBACK
    }
}
