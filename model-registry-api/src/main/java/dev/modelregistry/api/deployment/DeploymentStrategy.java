package dev.modelregistry.api.deployment;

/** How a new version takes traffic in an environment. */
public enum DeploymentStrategy {
    /** Replace the current version at once: the new version becomes {@link DeploymentState#ACTIVE}. */
    REPLACE,
    /** Send a weighted slice of traffic to the new version (a {@link DeploymentState#CANARY}). */
    CANARY,
    /** Score copies of traffic with the new version; never return its answers ({@link DeploymentState#SHADOW}). */
    SHADOW,
    /**
     * Deploy beside the current version without traffic ({@link DeploymentState#PENDING}) and switch all
     * traffic in one step with {@link Deployer#promote}.
     */
    BLUE_GREEN
}
