package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ModelRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A version bound to an environment, as it stands now.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the deployment's id, unique within a registry
 * @param environment the environment's name
 * @param version the deployed version, {@code name/N}
 * @param spec how it was deployed
 * @param state its state now
 * @param weightPercent the share of live traffic it receives from routing: 100 for the stable version
 *     when no canary runs, the canary's current step for a canary, 0 for shadows and pending candidates
 *     (the stable version's share is 100 minus its canary's)
 * @param since when it entered that state (or weight)
 */
public record Deployment(long id, String environment, ModelRef.Numbered version, DeploymentSpec spec,
        DeploymentState state, int weightPercent, Instant since) {
    /**
     * Validates the fields.
     *
     * @param id the id
     * @param environment the environment
     * @param version the version
     * @param spec the spec
     * @param state the state
     * @param weightPercent the traffic share
     * @param since when
     * @throws NullPointerException if an argument is null
     */
    public Deployment {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }
}
