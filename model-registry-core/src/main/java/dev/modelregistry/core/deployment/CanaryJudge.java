package dev.modelregistry.core.deployment;

import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentState;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.modelregistry.core.internal.Stats;

/**
 * Canary analysis as a pure function: the candidate deployment and what each side served, in; the verdict
 * and what carrying it out takes, out. No threads, no store, no clock: {@link CanaryActor} gathers the
 * evidence and acts on the judgement.
 */
final class CanaryJudge {
    private CanaryJudge() {
    }

    /**
     * What one side (canary or stable) served.
     *
     * @param requests requests since canary analysis last decided
     * @param errors failed requests among them
     * @param latencyP95Nanos the p95 latency over the side's sliding window (NaN when empty)
     * @param predictions the answers in the side's sliding window
     */
    record Evidence(long requests, long errors, double latencyP95Nanos, double[] predictions) {
        /** A side that served nothing. */
        static final Evidence NONE = new Evidence(0, 0, Double.NaN, new double[0]);
    }

    /**
     * A verdict and what carrying it out takes.
     *
     * @param verdict what the caller of {@code analyze} gets
     * @param nextWeightPercent for {@code STEP_UP}, the canary's next weight; else 0
     * @param historyReason why, as the history records the step-up, promotion or rollback
     */
    record Judgement(CanaryVerdict verdict, int nextWeightPercent, String historyReason) {
        CanaryVerdict.Decision decision() {
            return verdict.decision();
        }
    }

    /**
     * Judges an environment's candidate by its policy.
     *
     * @param environment the environment
     * @param candidate the candidate deployment, if one runs
     * @param canary what the candidate served ({@link Evidence#NONE} if none runs)
     * @param stable what the stable version served
     * @return the judgement
     */
    static Judgement judge(String environment, Optional<Deployment> candidate, Evidence canary, Evidence stable) {
        return judge(environment, candidate, canary, stable, LiveAccuracies.Pairs.EMPTY, LiveAccuracies.Pairs.EMPTY);
    }

    /**
     * Judges an environment's candidate by its policy, including the live-accuracy rule when the policy
     * has one ({@link CanaryPolicy#minOutcomes()} above 0): operational failures roll back at once; then,
     * with fewer than {@code minOutcomes} outcomes on either side, WAIT; then the canary is rolled back when
     * the one-sided two-proportion z-test finds its hit rate lower, or Welch's one-sided t-test finds its
     * mean squared error higher, each at {@code liveAccuracyAlpha / 2}.
     *
     * @param environment the environment
     * @param candidate the candidate deployment, if one runs
     * @param canary what the candidate served ({@link Evidence#NONE} if none runs)
     * @param stable what the stable version served
     * @param canaryOutcomes the candidate's predictions with outcomes, since it was deployed
     * @param stableOutcomes the stable version's predictions with outcomes over the same period
     * @return the judgement
     */
    static Judgement judge(String environment, Optional<Deployment> candidate, Evidence canary, Evidence stable,
            LiveAccuracies.Pairs canaryOutcomes, LiveAccuracies.Pairs stableOutcomes) {
        if (candidate.isEmpty() || candidate.get().state() != DeploymentState.CANARY
                || candidate.get().spec().policy().isEmpty()) {
            return new Judgement(new CanaryVerdict(environment, CanaryVerdict.Decision.NOTHING_TO_ANALYZE,
                    "no canary with an analysis policy runs in '" + environment + "'"), 0, "");
        }
        Deployment deployment = candidate.get();
        CanaryPolicy policy = deployment.spec().policy().get();
        long cn = canary.requests();
        long sn = stable.requests();
        if (cn < policy.minRequests() || sn < policy.minRequests()) {
            return new Judgement(new CanaryVerdict(environment, CanaryVerdict.Decision.WAIT, String.format(Locale.ROOT,
                    "too few requests to judge: canary %d, stable %d, need %d each", cn, sn, policy.minRequests())),
                    0, "");
        }
        double canaryErrors = canary.errors() / (double) cn;
        double stableErrors = stable.errors() / (double) sn;
        double cp95 = canary.latencyP95Nanos();
        double sp95 = stable.latencyP95Nanos();
        double latencyRatio = sp95 > 0 ? cp95 / sp95 : 1.0;
        double psi = Drift.psi(stable.predictions(), canary.predictions());
        String numbers = String.format(Locale.ROOT,
                "error rate %.4f vs stable %.4f (max +%.4f), p95 latency ratio %.2f (max %.2f),"
                        + " prediction PSI %.4f (max %.4f), %d/%d requests",
                canaryErrors, stableErrors, policy.maxErrorRateDelta(), latencyRatio, policy.maxLatencyRatio(),
                psi, policy.maxPredictionPsi(), cn, sn);
        String failed = canaryErrors - stableErrors > policy.maxErrorRateDelta() ? "error rate"
                : latencyRatio > policy.maxLatencyRatio() ? "latency"
                : psi > policy.maxPredictionPsi() ? "prediction drift" : null;
        if (failed != null) {
            return new Judgement(new CanaryVerdict(environment, CanaryVerdict.Decision.ROLLBACK,
                    "failed on " + failed + ": " + numbers), 0, "canary analysis failed on " + failed + ": " + numbers);
        }
        if (policy.minOutcomes() > 0) {
            int co = canaryOutcomes.size();
            int so = stableOutcomes.size();
            if (co < policy.minOutcomes() || so < policy.minOutcomes()) {
                return new Judgement(new CanaryVerdict(environment, CanaryVerdict.Decision.WAIT,
                        String.format(Locale.ROOT, "too few outcomes to judge live accuracy: canary %d, stable %d,"
                                + " need %d each; %s", co, so, policy.minOutcomes(), numbers)), 0, "");
            }
            Stats.SignAgreement ch = Stats.signAgreement(canaryOutcomes.actual(), canaryOutcomes.predicted());
            Stats.SignAgreement sh = Stats.signAgreement(stableOutcomes.actual(), stableOutcomes.predicted());
            LiveAccuracies.Test hit = LiveAccuracies.hitRateLower(ch.agree(), ch.compared(), sh.agree(),
                    sh.compared());
            double[] ce = canaryOutcomes.squaredErrors();
            double[] se = stableOutcomes.squaredErrors();
            LiveAccuracies.Test mse = LiveAccuracies.meanHigher(ce, se);
            double each = policy.liveAccuracyAlpha() / 2;
            String live = String.format(Locale.ROOT, "live hit rate %.4f vs stable %.4f (z=%.3f, p=%.3g),"
                    + " live MSE %.4g vs stable %.4g (Welch t=%.3f, p=%.3g), each tested one-sided at %.3g,"
                    + " %d/%d outcomes", ch.rate().orElse(Double.NaN), sh.rate().orElse(Double.NaN), hit.statistic(),
                    hit.pValue(), Stats.mean(ce).orElseThrow(), Stats.mean(se).orElseThrow(), mse.statistic(),
                    mse.pValue(), each, co, so);
            numbers = numbers + "; " + live;
            String worse = hit.pValue() < each ? "live hit rate" : mse.pValue() < each ? "live squared error" : null;
            if (worse != null) {
                return new Judgement(new CanaryVerdict(environment, CanaryVerdict.Decision.ROLLBACK,
                        "failed on " + worse + ": " + numbers), 0, "canary analysis failed on " + worse + ": "
                        + numbers);
            }
        }
        Optional<Integer> next = nextStep(deployment.spec().stepsPercent(), deployment.weightPercent());
        if (next.isPresent()) {
            return new Judgement(new CanaryVerdict(environment, CanaryVerdict.Decision.STEP_UP,
                    "to " + next.get() + "%: " + numbers), next.get(), "canary analysis passed: " + numbers);
        }
        return new Judgement(new CanaryVerdict(environment, CanaryVerdict.Decision.PROMOTE, numbers), 0,
                "canary analysis passed: " + numbers);
    }

    /** The first traffic step above the current weight, if any. */
    static Optional<Integer> nextStep(List<Integer> steps, int weightPercent) {
        return steps.stream().filter(w -> w > weightPercent).findFirst();
    }
}
