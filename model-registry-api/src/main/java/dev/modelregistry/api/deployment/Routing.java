package dev.modelregistry.api.deployment;

/** How an endpoint chooses between the stable version and a canary. */
public enum Routing {
    /**
     * Hash the caller's routing key into 10,000 buckets; the canary owns buckets {@code [0, weight)}.
     * A key always lands on the same version for a given weight, and raising the weight never moves a
     * key that is already on the canary. A {@code null} key is routed at random.
     */
    STICKY,
    /** Each request independently goes to the canary with probability {@code weight}. */
    RANDOM
}
