package dev.modelregistry.api.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;

/**
 * How to deploy a version.
 *
 * <p>Immutable and thread-safe.
 *
 * @param strategy the strategy
 * @param weightPercent the share of traffic for a canary, 0 to 100 (100 for the other strategies)
 * @param sticky whether routing hashes a caller's key so a key always lands on the same version
 */
public record DeploymentSpec(DeploymentStrategy strategy, int weightPercent, boolean sticky) {
    /**
     * Validates the spec.
     *
     * @param strategy the strategy
     * @param weightPercent the traffic share
     * @param sticky whether routing is sticky
     */
    public DeploymentSpec {
        Objects.requireNonNull(strategy, "strategy");
        if (weightPercent < 0 || weightPercent > 100) {
            throw new InvalidArgumentException("weight must be 0..100 percent, got " + weightPercent);
        }
    }

    /**
     * A sticky canary with a share of traffic.
     *
     * @param percent the share, 0 to 100
     * @return the spec
     */
    public static DeploymentSpec canary(int percent) {
        return new DeploymentSpec(DeploymentStrategy.CANARY, percent, true);
    }

    /**
     * Replace the current version.
     *
     * @return the spec
     */
    public static DeploymentSpec replace() {
        return new DeploymentSpec(DeploymentStrategy.REPLACE, 100, true);
    }
}
