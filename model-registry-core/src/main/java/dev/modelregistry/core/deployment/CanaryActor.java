package dev.modelregistry.core.deployment;

import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.core.internal.metadata.OutcomeStore;
import java.util.List;
import java.util.Optional;

/**
 * Carries canary analysis out: under the environment's action lock, reads what canary and stable served
 * into plain values, asks {@link CanaryJudge} for the verdict, and acts on it through
 * {@link DeploymentActions} (step up, promote or roll back), which records it in the history with the
 * numbers behind it. After a step up both sides' counts start again. When the policy compares live
 * accuracy, the evidence also holds every outcome of the canary deployment and the stable deployment's
 * outcomes of predictions served since the canary's first one with an outcome (the same period), read
 * from the {@link OutcomeStore}. {@link #assess} judges the same way and stops there. Thread-safe.
 */
final class CanaryActor {
    private final Endpoints endpoints;
    private final DeploymentActions actions;
    private final OutcomeStore outcomes;

    CanaryActor(Endpoints endpoints, DeploymentActions actions, OutcomeStore outcomes) {
        this.endpoints = endpoints;
        this.actions = actions;
        this.outcomes = outcomes;
    }

    /** Judges the environment's canary and carries the verdict out, under the environment's action lock. */
    CanaryVerdict analyze(String environment) {
        LiveEndpoint ep = endpoints.live(environment);
        ep.actions.lock();
        try {
            RoutingTable t = ep.table();
            CanaryJudge.Judgement judgement = judge(environment, t);
            act(environment, t, judgement);
            return judgement.verdict();
        } finally {
            ep.actions.unlock();
        }
    }

    /**
     * What {@link #analyze} would decide now, changing nothing: no action, no history, and the monitors' counts
     * since the last decision are left as they are. Takes no lock (the table is an immutable snapshot and the
     * counters are atomic), so a reader never waits behind a deployer action that loads models. Where this
     * process has not loaded the environment's table it does not load one (that would load models): both sides
     * then served nothing here, which is what {@code analyze} would find on a fresh endpoint, and the reason
     * says so.
     */
    CanaryVerdict assess(String environment) {
        RoutingTable t = endpoints.loadedTable(environment);
        if (t != null) {
            return judge(environment, t).verdict();
        }
        List<Deployment> stored = endpoints.storedLive(environment);
        CanaryVerdict v = CanaryJudge.judge(environment, Optional.ofNullable(Transitions.candidateOf(stored)),
                CanaryJudge.Evidence.NONE, CanaryJudge.Evidence.NONE).verdict();
        return v.decision() == CanaryVerdict.Decision.NOTHING_TO_ANALYZE ? v : new CanaryVerdict(environment,
                v.decision(), v.reason() + " (this process has served no traffic in '" + environment + "' yet)");
    }

    private CanaryJudge.Judgement judge(String environment, RoutingTable t) {
        VersionMonitor canary = t.candidate() == null ? null : t.candidate().monitor;
        VersionMonitor stable = t.stable() == null ? null : t.stable().monitor;
        LiveAccuracies.Pairs canaryOutcomes = LiveAccuracies.Pairs.EMPTY;
        LiveAccuracies.Pairs stableOutcomes = LiveAccuracies.Pairs.EMPTY;
        Deployment candidate = t.candidateDeployment();
        if (candidate != null && stable != null && candidate.spec().policy().map(CanaryPolicy::minOutcomes)
                .orElse(0) > 0) {
            List<OutcomeStore.Outcome> c = outcomes.ofDeployment(candidate.id(), Long.MIN_VALUE);
            canaryOutcomes = LiveAccuracies.Pairs.of(c);
            if (!c.isEmpty()) {
                stableOutcomes = LiveAccuracies.Pairs.of(outcomes.ofDeployment(stable.deploymentId,
                        c.get(0).servedAtMillis()));
            }
        }
        return CanaryJudge.judge(environment, Optional.ofNullable(candidate), evidence(canary), evidence(stable),
                canaryOutcomes, stableOutcomes);
    }

    private void act(String environment, RoutingTable t, CanaryJudge.Judgement judgement) {
        switch (judgement.decision()) {
            case ROLLBACK -> actions.rollback(environment, judgement.historyReason());
            case STEP_UP -> {
                actions.ramp(environment, judgement.nextWeightPercent(), judgement.historyReason());
                t.candidate().monitor.markAnalysed();
                t.stable().monitor.markAnalysed();
            }
            case PROMOTE -> actions.promote(environment, judgement.historyReason());
            default -> {
                // WAIT or NOTHING_TO_ANALYZE: nothing to carry out
            }
        }
    }

    private static CanaryJudge.Evidence evidence(VersionMonitor monitor) {
        if (monitor == null) {
            return CanaryJudge.Evidence.NONE;
        }
        long requests = monitor.analysisRequests();
        long errors = monitor.analysisErrors();
        VersionMonitor.Window w = monitor.window();
        return new CanaryJudge.Evidence(requests, errors, w.latencyPercentileNanos(0.95), w.predictions());
    }
}
