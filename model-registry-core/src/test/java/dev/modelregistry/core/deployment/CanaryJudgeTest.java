package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict.Decision;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.core.deployment.CanaryJudge.Evidence;
import dev.modelregistry.core.deployment.CanaryJudge.Judgement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Canary analysis with plain values: a candidate deployment and what each side served, in; the verdict,
 * next weight and history reason, out. No registry, no threads, no timing.
 */
class CanaryJudgeTest {
    private static final CanaryPolicy POLICY = new CanaryPolicy(100, 0.05, 2.0, 0.25);
    /** The same spread of answers on both sides: PSI 0. */
    private static final double[] ANSWERS = IntStream.range(0, 200).mapToDouble(i -> i / 200.0).toArray();
    private static final Evidence HEALTHY = new Evidence(200, 2, 1_000_000, ANSWERS);

    private static Optional<Deployment> canary(DeploymentSpec spec, int weight) {
        return Optional.of(new Deployment(2, "production", new ModelRef.Numbered("m", 2), spec,
                DeploymentState.CANARY, weight, Instant.EPOCH));
    }

    private static Optional<Deployment> steps(int weight) {
        return canary(DeploymentSpec.canarySteps(List.of(10, 50)).withPolicy(POLICY), weight);
    }

    @Test
    void without_a_canary_or_its_policy_there_is_nothing_to_analyze() {
        Judgement none = CanaryJudge.judge("production", Optional.empty(), Evidence.NONE, HEALTHY);
        assertThat(none.decision()).isEqualTo(Decision.NOTHING_TO_ANALYZE);
        assertThat(none.verdict().reason()).isEqualTo("no canary with an analysis policy runs in 'production'");
        assertThat(CanaryJudge.judge("production", canary(DeploymentSpec.canary(10), 10), HEALTHY, HEALTHY)
                .decision()).as("no policy").isEqualTo(Decision.NOTHING_TO_ANALYZE);
        Optional<Deployment> shadow = Optional.of(new Deployment(2, "production", new ModelRef.Numbered("m", 2),
                DeploymentSpec.shadow().withPolicy(POLICY), DeploymentState.SHADOW, 0, Instant.EPOCH));
        assertThat(CanaryJudge.judge("production", shadow, HEALTHY, HEALTHY).decision()).as("a shadow")
                .isEqualTo(Decision.NOTHING_TO_ANALYZE);
    }

    @Test
    void either_side_below_the_minimum_waits_however_bad_the_numbers() {
        Evidence fewAndFailing = new Evidence(99, 99, 1e9, ANSWERS);
        Judgement j = CanaryJudge.judge("production", steps(10), fewAndFailing, HEALTHY);
        assertThat(j.decision()).isEqualTo(Decision.WAIT);
        assertThat(j.verdict().reason()).isEqualTo("too few requests to judge: canary 99, stable 200, need 100 each");
        assertThat(CanaryJudge.judge("production", steps(10), HEALTHY, new Evidence(99, 0, 1e6, ANSWERS))
                .decision()).isEqualTo(Decision.WAIT);
    }

    @Test
    void an_excess_error_rate_above_the_tolerance_rolls_back_and_the_history_says_why() {
        Evidence failing = new Evidence(200, 14, 1_000_000, ANSWERS); // 7 % against 1 %: +6 points, max +5
        Judgement j = CanaryJudge.judge("production", steps(10), failing, HEALTHY);
        assertThat(j.decision()).isEqualTo(Decision.ROLLBACK);
        assertThat(j.verdict().reason()).isEqualTo("failed on error rate: error rate 0.0700 vs stable 0.0100"
                + " (max +0.0500), p95 latency ratio 1.00 (max 2.00), prediction PSI 0.0000 (max 0.2500),"
                + " 200/200 requests");
        assertThat(j.historyReason()).isEqualTo("canary analysis " + j.verdict().reason());
        Evidence atTheLimit = new Evidence(200, 10, 1_000_000, ANSWERS); // +5 points exactly: tolerated
        Evidence flawless = new Evidence(200, 0, 1_000_000, ANSWERS);
        assertThat(CanaryJudge.judge("production", steps(10), atTheLimit, flawless).decision())
                .isEqualTo(Decision.STEP_UP);
    }

    @Test
    void a_slow_canary_rolls_back_on_latency_and_a_stable_p95_of_zero_counts_as_a_ratio_of_one() {
        Evidence slow = new Evidence(200, 2, 2_100_000, ANSWERS);
        Judgement j = CanaryJudge.judge("production", steps(10), slow, HEALTHY);
        assertThat(j.decision()).isEqualTo(Decision.ROLLBACK);
        assertThat(j.verdict().reason()).startsWith("failed on latency: ").contains("p95 latency ratio 2.10");
        Evidence instant = new Evidence(200, 2, 0, ANSWERS);
        assertThat(CanaryJudge.judge("production", steps(10), slow, instant).decision())
                .isEqualTo(Decision.STEP_UP);
    }

    @Test
    void predictions_that_moved_roll_back_on_drift() {
        double[] shifted = IntStream.range(0, 200).mapToDouble(i -> 2 + i / 200.0).toArray();
        Judgement j = CanaryJudge.judge("production", steps(10), new Evidence(200, 2, 1_000_000, shifted), HEALTHY);
        assertThat(j.decision()).isEqualTo(Decision.ROLLBACK);
        assertThat(j.verdict().reason()).startsWith("failed on prediction drift: ");
    }

    @Test
    void errors_are_judged_before_latency_and_latency_before_drift() {
        double[] shifted = IntStream.range(0, 200).mapToDouble(i -> 2 + i / 200.0).toArray();
        assertThat(CanaryJudge.judge("production", steps(10), new Evidence(200, 100, 9e9, shifted), HEALTHY)
                .verdict().reason()).startsWith("failed on error rate");
        assertThat(CanaryJudge.judge("production", steps(10), new Evidence(200, 2, 9e9, shifted), HEALTHY)
                .verdict().reason()).startsWith("failed on latency");
    }

    @Test
    void a_passing_canary_steps_up_to_its_next_step_then_is_promoted_after_its_last() {
        Judgement first = CanaryJudge.judge("production", steps(10), HEALTHY, HEALTHY);
        assertThat(first.decision()).isEqualTo(Decision.STEP_UP);
        assertThat(first.nextWeightPercent()).isEqualTo(50);
        assertThat(first.verdict().reason()).startsWith("to 50%: error rate 0.0100 vs stable 0.0100");
        assertThat(first.historyReason()).startsWith("canary analysis passed: error rate 0.0100");

        Judgement last = CanaryJudge.judge("production", steps(50), HEALTHY, HEALTHY);
        assertThat(last.decision()).isEqualTo(Decision.PROMOTE);
        assertThat(last.historyReason()).isEqualTo("canary analysis passed: " + last.verdict().reason());
        assertThat(CanaryJudge.judge("production", steps(30), HEALTHY, HEALTHY).nextWeightPercent())
                .as("a weight set by hand between steps goes on to the next step above it").isEqualTo(50);
    }
}
