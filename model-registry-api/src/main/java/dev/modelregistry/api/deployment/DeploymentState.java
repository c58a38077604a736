package dev.modelregistry.api.deployment;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life-cycle state of a deployment. The legal moves are listed by {@link #canMoveTo}; a deployer
 * refuses any other with {@link IllegalTransitionException}.
 *
 * <pre>
 * PENDING  -&gt; ACTIVE, CANARY, SHADOW, PROMOTED, ROLLED_BACK, RETIRED
 * CANARY   -&gt; CANARY (weight changes), PROMOTED, ROLLED_BACK, RETIRED
 * SHADOW   -&gt; PROMOTED, ROLLED_BACK, RETIRED
 * ACTIVE   -&gt; ROLLED_BACK, RETIRED
 * PROMOTED -&gt; ROLLED_BACK, RETIRED
 * ROLLED_BACK, RETIRED: final
 * </pre>
 */
public enum DeploymentState {
    /** Recorded, not serving (a blue-green candidate waiting for its switch). */
    PENDING,
    /** The stable version of its environment, deployed directly (replace, or restored by a rollback). */
    ACTIVE,
    /** Serving a slice of traffic beside the stable version. */
    CANARY,
    /** Scored on copies of traffic; its answers are never returned. */
    SHADOW,
    /** A candidate that became the stable version of its environment. */
    PROMOTED,
    /** Taken out of traffic because it misbehaved or a person said so. Final. */
    ROLLED_BACK,
    /** Replaced by another version or undeployed. Final. */
    RETIRED;

    private static final Map<DeploymentState, Set<DeploymentState>> MOVES = Map.of(
            PENDING, EnumSet.of(ACTIVE, CANARY, SHADOW, PROMOTED, ROLLED_BACK, RETIRED),
            CANARY, EnumSet.of(CANARY, PROMOTED, ROLLED_BACK, RETIRED),
            SHADOW, EnumSet.of(PROMOTED, ROLLED_BACK, RETIRED),
            ACTIVE, EnumSet.of(ROLLED_BACK, RETIRED),
            PROMOTED, EnumSet.of(ROLLED_BACK, RETIRED),
            ROLLED_BACK, EnumSet.noneOf(DeploymentState.class),
            RETIRED, EnumSet.noneOf(DeploymentState.class));

    /**
     * Whether a deployment in this state may move to {@code next}.
     *
     * @param next the state to move to, not null
     * @return true if the move is legal
     */
    public boolean canMoveTo(DeploymentState next) {
        return MOVES.get(this).contains(next);
    }

    /**
     * Whether this state is final (the deployment no longer serves and never will again).
     *
     * @return true for {@link #ROLLED_BACK} and {@link #RETIRED}
     */
    public boolean isFinal() {
        return this == ROLLED_BACK || this == RETIRED;
    }

    /**
     * Whether a deployment in this state is its environment's stable version.
     *
     * @return true for {@link #ACTIVE} and {@link #PROMOTED}
     */
    public boolean isStable() {
        return this == ACTIVE || this == PROMOTED;
    }

    /**
     * Whether a deployment in this state is a candidate beside the stable version.
     *
     * @return true for {@link #PENDING}, {@link #CANARY} and {@link #SHADOW}
     */
    public boolean isCandidate() {
        return this == PENDING || this == CANARY || this == SHADOW;
    }
}
