package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.EvaluationGateException;
import dev.modelregistry.api.evaluation.Decision;
import dev.modelregistry.api.evaluation.Recommendation;
import java.util.Optional;
import java.util.Set;

/**
 * Judges whether a version may serve in an environment, from its stored decisions alone (a pure judge:
 * {@link DeploymentActions} reads the documents, asks, and carries the verdict out).
 *
 * <p>Which recommendation counts: the version's own evaluation (document {@code evaluation}) is required.
 * Storing a champion-vs-challenger comparison also rewrites the challenger's own evaluation, so that
 * document is always the version's latest verdict on its own. A comparison (document
 * {@code champion-challenger}) carries no time stamp that orders it against a later evaluation; rather than
 * guess which is newer, a stored comparison that says REJECT (significantly worse than the champion) also
 * fails the gate. HOLD, CANARY and PROMOTE pass.
 *
 * <p>Thread-safe: immutable.
 */
final class EvaluationGate {
    /** The environments guarded unless configured otherwise. */
    static final Set<String> DEFAULT_GUARDED = Set.of("production");

    private final Set<String> guarded;

    EvaluationGate(Set<String> guarded) {
        this.guarded = Set.copyOf(guarded);
    }

    /** What to do. */
    sealed interface Verdict {
    }

    /** Go ahead: the environment is not guarded or the evaluation passes. */
    record Pass() implements Verdict {
    }

    /** Go ahead on the spec's override, which must be audited with what it overrides. */
    record Overridden(Optional<Recommendation> recommendation, String failure, String overrideReason)
            implements Verdict {
        /** The audit row's "before": what was overridden. */
        String overridden() {
            return recommendation.map(r -> r + ": " + failure).orElse("no evaluation: " + failure);
        }
    }

    /** Refuse with this exception. */
    record Refuse(EvaluationGateException exception) implements Verdict {
    }

    boolean guards(String environment) {
        return guarded.contains(environment);
    }

    Set<String> guarded() {
        return guarded;
    }

    /**
     * Judges one version for one environment.
     *
     * @param own the decision of the version's own stored evaluation, if any
     * @param comparison the decision of the comparison stored on it, if any
     * @param override the deployment's override reason, if any
     */
    Verdict judge(String environment, ModelRef.Numbered version, Optional<Decision> own,
            Optional<Decision> comparison, Optional<String> override) {
        if (!guards(environment)) {
            return new Pass();
        }
        Optional<Recommendation> failing;
        String failure;
        if (own.isEmpty()) {
            failing = Optional.empty();
            failure = "no evaluation report is stored on the version";
        } else if (own.get().recommendation() == Recommendation.REJECT) {
            failing = Optional.of(Recommendation.REJECT);
            failure = own.get().reason();
        } else if (comparison.isPresent() && comparison.get().recommendation() == Recommendation.REJECT) {
            failing = Optional.of(Recommendation.REJECT);
            failure = "champion-challenger comparison: " + comparison.get().reason();
        } else {
            return new Pass();
        }
        if (override.isPresent()) {
            return new Overridden(failing, failure, override.get());
        }
        return new Refuse(new EvaluationGateException(version, environment, failing, failure));
    }
}
