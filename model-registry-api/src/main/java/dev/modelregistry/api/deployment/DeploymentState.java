package dev.modelregistry.api.deployment;

/** The life-cycle state of a deployment. Illegal transitions throw. */
public enum DeploymentState {
    /** Recorded, not yet serving. */
    PENDING,
    /** Serving all traffic of its environment. */
    ACTIVE,
    /** Serving a slice of traffic beside the stable version. */
    CANARY,
    /** Scored on copies of traffic; answers are never returned. */
    SHADOW,
    /** A canary that became the stable version. */
    PROMOTED,
    /** Taken out of traffic because it misbehaved or a person said so. */
    ROLLED_BACK,
    /** Replaced or undeployed. */
    RETIRED
}
