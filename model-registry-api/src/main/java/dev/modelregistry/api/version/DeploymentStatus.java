package dev.modelregistry.api.version;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a version is deployed now: environment name to deployment state (for example
 * {@code production -> ACTIVE}, {@code canary -> CANARY}). Maintained by the deployer.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stateByEnvironment the deployment state per environment; empty when not deployed
 */
public record DeploymentStatus(Map<String, String> stateByEnvironment) {
    /**
     * Copies and sorts the map.
     *
     * @param stateByEnvironment the deployment state per environment
     */
    public DeploymentStatus {
        stateByEnvironment = Collections.unmodifiableMap(new TreeMap<>(stateByEnvironment));
    }

    /**
     * Not deployed anywhere.
     *
     * @return the empty status
     */
    public static DeploymentStatus none() {
        return new DeploymentStatus(Map.of());
    }
}
