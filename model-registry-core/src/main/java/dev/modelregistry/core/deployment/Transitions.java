package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.DeploymentStrategy;
import dev.modelregistry.api.deployment.IllegalTransitionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The life-cycle rules as pure functions: given an environment's live deployments (as read inside the
 * action's transaction) and the action, the changes to write, in order, or the exception that refuses the
 * action. Nothing here reads or writes the store; {@link DeploymentActions} carries the changes out.
 */
final class Transitions {
    private Transitions() {
    }

    /** One change to an environment: what {@link DeploymentStore.Changes} writes with its history event. */
    sealed interface Change permits Move, Create {
    }

    /** Moves an existing deployment to a state and weight ({@link DeploymentStore.Changes#move}). */
    record Move(Deployment deployment, DeploymentState to, int weightPercent, Optional<Deployment> previousStable,
            String action, String reason) implements Change {
    }

    /** Records a new deployment ({@link DeploymentStore.Changes#create}). */
    record Create(ModelRef.Numbered version, DeploymentSpec spec, DeploymentState state, int weightPercent,
            Optional<Deployment> previousStable, String action, String reason) implements Change {
    }

    /**
     * Deploys a version. The first deployment, or a {@link DeploymentStrategy#REPLACE}, becomes the stable
     * version and retires whatever served (candidate first); otherwise the version becomes the candidate.
     * The new deployment is the last change.
     */
    static List<Change> deploy(String environment, List<Deployment> live, ModelRef.Numbered version,
            DeploymentSpec spec) {
        Deployment stable = stableOf(live);
        Deployment candidate = candidateOf(live);
        String strategy = spec.strategy().name().toLowerCase(Locale.ROOT);
        List<Change> out = new ArrayList<>();
        if (stable == null || spec.strategy() == DeploymentStrategy.REPLACE) {
            String why = "replaced by " + version;
            if (candidate != null) {
                out.add(new Move(candidate, DeploymentState.RETIRED, 0, Optional.empty(), "retire", why));
            }
            if (stable != null) {
                out.add(new Move(stable, DeploymentState.RETIRED, 0, Optional.empty(), "retire", why));
            }
            out.add(new Create(version, spec, DeploymentState.ACTIVE, 100, Optional.ofNullable(stable), "deploy",
                    strategy));
            return out;
        }
        if (candidate != null) {
            throw new IllegalTransitionException("environment '" + environment + "' already runs "
                    + candidate.version() + " as " + candidate.state() + " beside " + stable.version()
                    + "; promote or roll it back first");
        }
        if (stable.version().equals(version)) {
            throw new IllegalTransitionException(version + " is already the stable version of '" + environment + "'");
        }
        DeploymentState state = switch (spec.strategy()) {
            case CANARY -> DeploymentState.CANARY;
            case SHADOW -> DeploymentState.SHADOW;
            default -> DeploymentState.PENDING;
        };
        out.add(new Create(version, spec, state, spec.initialWeightPercent(), Optional.empty(), "deploy",
                strategy + " beside " + stable.version()));
        return out;
    }

    /** Promotes the candidate: the stable version is retired, then the candidate promoted (the last change). */
    static List<Change> promote(String environment, List<Deployment> live, String reason) {
        requireDeployed(environment, live);
        Deployment stable = stableOf(live);
        Deployment candidate = candidateOf(live);
        if (candidate == null) {
            throw new IllegalTransitionException("environment '" + environment
                    + "' has no candidate to promote; it serves " + stable.version());
        }
        if (!candidate.state().canMoveTo(DeploymentState.PROMOTED)) {
            throw new IllegalTransitionException("deployment " + candidate.id() + " (" + candidate.version()
                    + ") cannot move from " + candidate.state() + " to " + DeploymentState.PROMOTED);
        }
        return List.of(
                new Move(stable, DeploymentState.RETIRED, 0, Optional.empty(), "retire",
                        "replaced by promoted " + candidate.version()),
                new Move(candidate, DeploymentState.PROMOTED, 100, Optional.of(stable), "promote", reason));
    }

    /** Sets the canary's weight (the one change); the percentage was checked to be 1 to 100. */
    static List<Change> ramp(String environment, List<Deployment> live, int percent, String reason) {
        requireDeployed(environment, live);
        Deployment candidate = candidateOf(live);
        if (candidate == null || candidate.state() != DeploymentState.CANARY) {
            throw new IllegalTransitionException("environment '" + environment + "' runs no canary");
        }
        return List.of(new Move(candidate, DeploymentState.CANARY, percent, Optional.empty(), "ramp",
                "weight " + candidate.weightPercent() + "% -> " + percent + "%: " + reason));
    }

    /**
     * Whether a rollback restores an earlier stable version (decided before that version's model is loaded):
     * not when a candidate runs (it is only removed) or nothing is deployed.
     */
    static boolean restores(List<Deployment> live) {
        return stableOf(live) != null && candidateOf(live) == null;
    }

    /**
     * Rolls back: a running candidate is rolled back alone; otherwise the stable version is rolled back and
     * the one before it restored as a new {@link DeploymentState#ACTIVE} deployment. After the changes the
     * environment's stable deployment is the action's subject.
     *
     * @param previous the stable deployment the current stable one replaced (read when {@link #restores})
     * @param beforePrevious the stable deployment {@code previous} replaced, which the restored one records
     * @param planned what the rollback planned to restore before it loaded the model
     */
    static List<Change> rollback(String environment, List<Deployment> live, Optional<Deployment> previous,
            Optional<Deployment> beforePrevious, Optional<Deployment> planned, String reason) {
        requireDeployed(environment, live);
        Deployment stable = stableOf(live);
        Deployment candidate = candidateOf(live);
        if (candidate != null) {
            return List.of(new Move(candidate, DeploymentState.ROLLED_BACK, 0, Optional.empty(), "rollback", reason));
        }
        Deployment restore = previous.orElseThrow(() -> new IllegalTransitionException("environment '"
                + environment + "' has no candidate and no stable version before " + stable.version()
                + " to roll back to"));
        if (planned.isEmpty() || planned.get().id() != restore.id()) {
            throw new ConflictException("environment '" + environment + "' changed during the rollback; retry");
        }
        return List.of(
                new Move(stable, DeploymentState.ROLLED_BACK, 0, Optional.empty(), "rollback", reason),
                new Create(restore.version(), DeploymentSpec.replace(), DeploymentState.ACTIVE, 100, beforePrevious,
                        "restore", "rollback of " + stable.version() + ": " + reason));
    }

    /** Retires every live deployment, candidate first. */
    static List<Change> undeploy(String environment, List<Deployment> live) {
        requireDeployed(environment, live);
        List<Change> out = new ArrayList<>();
        for (int i = live.size() - 1; i >= 0; i--) {
            out.add(new Move(live.get(i), DeploymentState.RETIRED, 0, Optional.empty(), "undeploy", "undeployed"));
        }
        return out;
    }

    /** The stable deployment among the live ones, or null. */
    static Deployment stableOf(List<Deployment> live) {
        return live.stream().filter(d -> d.state().isStable()).findFirst().orElse(null);
    }

    /** The candidate among the live ones, or null. */
    static Deployment candidateOf(List<Deployment> live) {
        return live.stream().filter(d -> d.state().isCandidate()).findFirst().orElse(null);
    }

    private static void requireDeployed(String environment, List<Deployment> live) {
        if (live.isEmpty()) {
            throw new DeploymentNotFoundException("nothing is deployed in environment '" + environment + "'");
        }
    }
}
