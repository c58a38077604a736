package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ModelRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A version bound to an environment.
 *
 * <p>Immutable and thread-safe.
 *
 * @param environment the environment's name
 * @param version the deployed version, {@code name/N}
 * @param spec how it was deployed
 * @param state its state now
 * @param since when it entered that state
 */
public record Deployment(String environment, ModelRef.Numbered version, DeploymentSpec spec, DeploymentState state,
        Instant since) {
    /**
     * Validates the fields.
     *
     * @param environment the environment
     * @param version the version
     * @param spec the spec
     * @param state the state
     * @param since when
     */
    public Deployment {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }
}
