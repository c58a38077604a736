package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic canary analysis through the registry. Latency is ignored (an infinite ratio) except in the
 * latency test: the microsecond latencies of small models are noise, and no test here may depend on timing.
 * Scheduled checks run on a {@link ManualScheduler}, so the test moves time itself. The verdicts' rules are
 * tested with plain values in {@link CanaryJudgeTest}.
 */
@Timeout(120) // the latency test's canary sleeps 5 ms a request; the rest serve thousands of requests
class CanaryAnalysisTest {
    /** Judges after 200 requests a side, allows 5 points more errors, ignores latency; CanaryAssessTest's too. */
    static final CanaryPolicy POLICY = CanaryPolicy.defaults().withMinRequests(200)
            .withMaxErrorRateDelta(0.05).withMaxLatencyRatio(Double.POSITIVE_INFINITY);

    @TempDir
    Path dir;
    ModelRegistry registry;
    Deployer deployer;
    ManualScheduler scheduler = new ManualScheduler();
    SplittableRandom random = new SplittableRandom(11);

    /** How often the registry polls for deployment changes made elsewhere: a periodic task of its own. */
    static final Duration FOLLOW = Duration.ofHours(1);
    /** The period of this host's monitoring counter writes, which also start with the first endpoint. */
    static final Duration HOST_METRICS = HostMetricsPublisher.EVERY;

    @BeforeEach
    void open() {
        registry = ModelRegistry.builder(dir).scheduler(scheduler).followDeploymentsEvery(FOLLOW).open();
        deployer = registry.deployer();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    /** Sends requests with distinct keys; returns how many failed (each failure is the model's own). */
    private int traffic(int requests) {
        return Fixtures.traffic(deployer.endpoint("production"), requests, random);
    }

    @Test
    void a_canary_that_fails_one_request_in_five_is_rolled_back_automatically_and_the_history_says_why() {
        ModelRef.Numbered stable = Fixtures.linear(registry, "m", 0, 1, 0);
        ModelRef.Numbered flaky = Fixtures.linear(registry, "m", 0, 1, 5);
        deployer.deploy(stable, "production", DeploymentSpec.replace());
        deployer.deploy(flaky, "production", DeploymentSpec.canary(20).withPolicy(POLICY));

        int failed = traffic(5_000);
        assertThat(failed).isGreaterThan(100);
        CanaryVerdict verdict = deployer.analyze("production");

        assertThat(verdict.decision()).isEqualTo(CanaryVerdict.Decision.ROLLBACK);
        // 1 in 5 of the canary's calls failed: 0.2 up to rounding of the last incomplete group of five.
        assertThat(verdict.reason()).matches("failed on error rate: error rate 0\\.(19|20)\\d\\d vs stable 0\\.0000.*");
        assertThat(deployer.deployments("production")).extracting(Deployment::version).containsExactly(stable);
        DeploymentEvent last = deployer.history("production").get(deployer.history("production").size() - 1);
        assertThat(last.action()).isEqualTo("rollback");
        assertThat(last.to()).isEqualTo(DeploymentState.ROLLED_BACK);
        assertThat(last.reason()).contains("canary analysis failed on error rate");
        assertThat(traffic(1_000)).as("the stable version serves everything again").isZero();
    }

    @Test
    void a_healthy_canary_is_stepped_up_then_promoted() {
        ModelRef.Numbered stable = Fixtures.trained(registry, "spx", 1);
        ModelRef.Numbered canary = Fixtures.trained(registry, "spx", 2);
        deployer.deploy(stable, "production", DeploymentSpec.replace());
        deployer.deploy(canary, "production", DeploymentSpec.canarySteps(List.of(10, 50)).withPolicy(POLICY));

        traffic(4_000);
        CanaryVerdict first = deployer.analyze("production");
        assertThat(first.decision()).as(first.reason()).isEqualTo(CanaryVerdict.Decision.STEP_UP);
        assertThat(deployer.deployments("production")).extracting(Deployment::weightPercent).containsExactly(100, 50);
        assertThat(deployer.analyze("production").decision()).as("counts start again after a step")
                .isEqualTo(CanaryVerdict.Decision.WAIT);

        traffic(1_000);
        CanaryVerdict second = deployer.analyze("production");
        assertThat(second.decision()).as(second.reason()).isEqualTo(CanaryVerdict.Decision.PROMOTE);
        assertThat(deployer.deployments("production")).singleElement().satisfies(d -> {
            assertThat(d.version()).isEqualTo(canary);
            assertThat(d.state()).isEqualTo(DeploymentState.PROMOTED);
        });
        assertThat(deployer.history("production")).extracting(DeploymentEvent::action)
                .containsExactly("deploy", "deploy", "ramp", "retire", "promote");
        assertThat(deployer.history("production")).filteredOn(e -> !e.action().equals("deploy")
                && !e.action().equals("retire")).allSatisfy(e -> assertThat(e.reason())
                .contains("canary analysis passed"));
    }

    @Test
    void a_canary_with_too_few_requests_is_neither_promoted_nor_rolled_back() {
        ModelRef.Numbered stable = Fixtures.linear(registry, "m", 0, 1, 0);
        ModelRef.Numbered flaky = Fixtures.linear(registry, "m", 0, 1, 5);
        deployer.deploy(stable, "production", DeploymentSpec.replace());
        deployer.deploy(flaky, "production", DeploymentSpec.canary(20).withPolicy(POLICY));
        List<DeploymentEvent> history = deployer.history("production");

        traffic(500); // about 100 canary requests, 20 of them failed: bad, but not yet enough to judge
        CanaryVerdict verdict = deployer.analyze("production");

        assertThat(verdict.decision()).isEqualTo(CanaryVerdict.Decision.WAIT);
        assertThat(verdict.reason()).contains("too few requests");
        assertThat(deployer.deployments("production")).extracting(Deployment::state)
                .containsExactly(DeploymentState.ACTIVE, DeploymentState.CANARY);
        assertThat(deployer.history("production")).isEqualTo(history);
    }

    @Test
    void a_canary_much_slower_than_stable_is_rolled_back_on_latency() {
        ModelRef.Numbered stable = Fixtures.linear(registry, "m", 0, 1, 0);
        ModelRef.Numbered slow = Fixtures.linear(registry, "m", 0, 1, 0, 5);
        deployer.deploy(stable, "production", DeploymentSpec.replace());
        traffic(2_000); // a warm stable window: its p95 is microseconds, the canary's at least 5 ms
        deployer.deploy(slow, "production", DeploymentSpec.canary(50)
                .withPolicy(POLICY.withMinRequests(20).withMaxLatencyRatio(10)));
        traffic(100);
        CanaryVerdict verdict = deployer.analyze("production");
        assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(CanaryVerdict.Decision.ROLLBACK);
        assertThat(verdict.reason()).startsWith("failed on latency");
    }

    @Test
    void a_canary_whose_predictions_moved_is_rolled_back_on_drift() {
        deployer.deploy(Fixtures.linear(registry, "m", 0, 1, 0), "production", DeploymentSpec.replace());
        deployer.deploy(Fixtures.linear(registry, "m", 2, 1, 0), "production", DeploymentSpec.canary(50)
                .withPolicy(POLICY));
        traffic(1_000);
        CanaryVerdict verdict = deployer.analyze("production");
        assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(CanaryVerdict.Decision.ROLLBACK);
        assertThat(verdict.reason()).startsWith("failed on prediction drift");
    }

    @Test
    void scheduled_checks_roll_back_a_failing_canary_without_being_asked() {
        ModelRef.Numbered stable = Fixtures.linear(registry, "m", 0, 1, 0);
        deployer.deploy(stable, "production", DeploymentSpec.replace());
        deployer.deploy(Fixtures.linear(registry, "m", 0, 1, 5), "production",
                DeploymentSpec.canary(20).withPolicy(POLICY));
        traffic(5_000);
        deployer.scheduleChecks(Duration.ofMillis(20));
        assertThat(scheduler.periods()).containsExactlyInAnyOrder(FOLLOW, HOST_METRICS, Duration.ofMillis(20));

        scheduler.advance(Duration.ofMillis(19));
        assertThat(deployer.deployments("production")).as("the first check is one period away").hasSize(2);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(deployer.deployments("production")).extracting(Deployment::version).containsExactly(stable);
        assertThat(deployer.history("production").get(deployer.history("production").size() - 1).reason())
                .contains("canary analysis failed on error rate");
    }

    @Test
    void scheduling_again_replaces_the_schedule_and_closing_cancels_it_but_leaves_the_given_scheduler_running() {
        deployer.scheduleChecks(Duration.ofSeconds(1));
        deployer.scheduleChecks(Duration.ofSeconds(5));
        assertThat(scheduler.periods()).as("no endpoint used yet, so nothing follows changes")
                .containsExactly(Duration.ofSeconds(5));
        deployer.endpoint("production");
        assertThat(scheduler.periods()).as("the first endpoint starts following and writing its counters")
                .containsExactlyInAnyOrder(FOLLOW, HOST_METRICS, Duration.ofSeconds(5));

        registry.close();
        assertThat(scheduler.periods()).as("closing cancels the checks and the following").isEmpty();
        assertThat(scheduler.isShutdown()).as("the registry does not own a scheduler it was given").isFalse();
        assertThatThrownBy(() -> deployer.scheduleChecks(Duration.ofSeconds(1)))
                .isInstanceOf(RegistryClosedException.class);
    }

    @Test
    void without_a_policy_there_is_nothing_to_analyze() {
        deployer.deploy(Fixtures.linear(registry, "m", 0, 1, 0), "production", DeploymentSpec.replace());
        deployer.deploy(Fixtures.linear(registry, "m", 0, 1, 0), "production", DeploymentSpec.canary(20));
        traffic(1_000);
        assertThat(deployer.analyze("production").decision())
                .isEqualTo(CanaryVerdict.Decision.NOTHING_TO_ANALYZE);
        assertThat(deployer.deployments("production")).hasSize(2);
    }
}
