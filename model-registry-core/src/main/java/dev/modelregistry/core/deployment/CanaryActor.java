package dev.modelregistry.core.deployment;

import dev.modelregistry.api.deployment.CanaryVerdict;
import java.util.Optional;

/**
 * Carries canary analysis out: under the environment's action lock, reads what canary and stable served
 * into plain values, asks {@link CanaryJudge} for the verdict, and acts on it through
 * {@link DeploymentActions} (step up, promote or roll back), which records it in the history with the
 * numbers behind it. After a step up both sides' counts start again. Thread-safe.
 */
final class CanaryActor {
    private final Endpoints endpoints;
    private final DeploymentActions actions;

    CanaryActor(Endpoints endpoints, DeploymentActions actions) {
        this.endpoints = endpoints;
        this.actions = actions;
    }

    CanaryVerdict analyze(String environment) {
        LiveEndpoint ep = endpoints.live(environment);
        ep.actions.lock();
        try {
            RoutingTable t = ep.table();
            VersionMonitor canary = t.candidate() == null ? null : t.candidate().monitor;
            VersionMonitor stable = t.stable() == null ? null : t.stable().monitor;
            CanaryJudge.Judgement judgement = CanaryJudge.judge(environment,
                    Optional.ofNullable(t.candidateDeployment()), evidence(canary), evidence(stable));
            switch (judgement.decision()) {
                case ROLLBACK -> actions.rollback(environment, judgement.historyReason());
                case STEP_UP -> {
                    actions.ramp(environment, judgement.nextWeightPercent(), judgement.historyReason());
                    canary.markAnalysed();
                    stable.markAnalysed();
                }
                case PROMOTE -> actions.promote(environment, judgement.historyReason());
                default -> {
                    // WAIT or NOTHING_TO_ANALYZE: nothing to carry out
                }
            }
            return judgement.verdict();
        } finally {
            ep.actions.unlock();
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
