package dev.modelregistry.api.deployment;

/** How a new version takes traffic. */
public enum DeploymentStrategy {
    /** Replace the current version at once. */
    REPLACE,
    /** Send a weighted slice of traffic to the new version. */
    CANARY,
    /** Score copies of traffic with the new version; never return its answers. */
    SHADOW,
    /** Deploy beside the current version and switch all traffic in one step. */
    BLUE_GREEN
}
