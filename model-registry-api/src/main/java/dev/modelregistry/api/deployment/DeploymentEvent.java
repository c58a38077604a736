package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ModelRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an environment's deployment history: a deployment entered a state (or changed weight).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the event's id; later events have larger ids
 * @param environment the environment
 * @param deploymentId the deployment that changed
 * @param version its version
 * @param action what was done: {@code deploy}, {@code ramp}, {@code promote}, {@code retire},
 *     {@code rollback}, {@code restore} or {@code undeploy}
 * @param from the state before, empty when the deployment was created
 * @param to the state after
 * @param weightPercent the traffic share after
 * @param at when
 * @param actor who
 * @param reason why (for automatic decisions, the numbers that decided)
 */
public record DeploymentEvent(long id, String environment, long deploymentId, ModelRef.Numbered version,
        String action, Optional<DeploymentState> from, DeploymentState to, int weightPercent, Instant at,
        String actor, String reason) {
    /**
     * Validates the fields.
     *
     * @param id the id
     * @param environment the environment
     * @param deploymentId the deployment
     * @param version the version
     * @param action the action
     * @param from the state before
     * @param to the state after
     * @param weightPercent the share after
     * @param at when
     * @param actor who
     * @param reason why
     * @throws NullPointerException if an argument is null
     */
    public DeploymentEvent {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
    }
}
