package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidNameException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Deployer#assess}: the verdict {@link Deployer#analyze} would give, with nothing carried out. Each test
 * compares the deployments and the history before and after, and lets {@code analyze} run afterwards to show
 * that the counts it judges were left alone (a step-up resets them, so an assess that reset them would turn the
 * following analyze into WAIT).
 */
class CanaryAssessTest {
    private static final CanaryPolicy POLICY = CanaryAnalysisTest.POLICY;
    @TempDir
    Path dir;
    ModelRegistry registry;
    Deployer deployer;
    final SplittableRandom random = new SplittableRandom(5);

    @BeforeEach
    void open() {
        registry = ModelRegistry.builder(dir).scheduler(new ManualScheduler()).open();
        deployer = registry.deployer();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private void traffic(int requests) {
        Fixtures.traffic(deployer.endpoint("production"), requests, random);
    }

    @Test
    void assessing_a_failing_canary_says_rollback_and_changes_nothing_until_analyze_acts() {
        ModelRef.Numbered stable = Fixtures.linear(registry, "m", 0, 1, 0);
        ModelRef.Numbered flaky = Fixtures.linear(registry, "m", 0, 1, 5);
        deployer.deploy(stable, "production", DeploymentSpec.replace());
        deployer.deploy(flaky, "production", DeploymentSpec.canary(20).withPolicy(POLICY));
        traffic(3_000);
        List<Deployment> deployments = deployer.deployments("production");
        List<DeploymentEvent> history = deployer.history("production");

        CanaryVerdict first = deployer.assess("production");
        CanaryVerdict second = deployer.assess("production");

        assertThat(first.decision()).isEqualTo(CanaryVerdict.Decision.ROLLBACK);
        assertThat(first.reason()).startsWith("failed on error rate: error rate 0.");
        assertThat(second).isEqualTo(first);
        assertThat(deployer.deployments("production")).isEqualTo(deployments);
        assertThat(deployer.history("production")).isEqualTo(history);
        assertThat(deployer.analyze("production")).as("what analyze then decides and does").isEqualTo(first);
        assertThat(deployer.deployments("production")).extracting(Deployment::version).containsExactly(stable);
    }

    @Test
    void assessing_a_healthy_canary_says_step_up_and_leaves_the_counts_for_analyze() {
        deployer.deploy(Fixtures.linear(registry, "m", 0, 1, 0), "production", DeploymentSpec.replace());
        deployer.deploy(Fixtures.linear(registry, "m", 0, 1, 0), "production",
                DeploymentSpec.canarySteps(List.of(10, 50)).withPolicy(POLICY));
        traffic(4_000);
        List<Deployment> deployments = deployer.deployments("production");
        List<DeploymentEvent> history = deployer.history("production");

        CanaryVerdict assessed = deployer.assess("production");
        assertThat(deployer.assess("production")).as("the counts were not reset").isEqualTo(assessed);

        assertThat(assessed.decision()).as(assessed.reason()).isEqualTo(CanaryVerdict.Decision.STEP_UP);
        assertThat(assessed.reason()).startsWith("to 50%: ");
        assertThat(deployer.deployments("production")).isEqualTo(deployments);
        assertThat(deployer.history("production")).isEqualTo(history);
        assertThat(deployer.analyze("production")).isEqualTo(assessed);
        assertThat(deployer.deployments("production")).extracting(Deployment::weightPercent).containsExactly(100, 50);
        assertThat(deployer.assess("production").decision()).as("analyze reset the counts; assess sees that")
                .isEqualTo(CanaryVerdict.Decision.WAIT);
    }

    @Test
    void where_this_process_serves_nothing_assess_waits_for_traffic_and_loads_no_model() {
        deployer.deploy(Fixtures.linear(registry, "m", 0, 1, 0), "production", DeploymentSpec.replace());
        deployer.deploy(Fixtures.linear(registry, "m", 0, 1, 5), "production",
                DeploymentSpec.canary(20).withPolicy(POLICY));
        registry.close();
        registry = ModelRegistry.builder(dir).scheduler(new ManualScheduler()).open();
        deployer = registry.deployer();
        List<DeploymentEvent> history = deployer.history("production");
        int decoded = LinearTestCodec.OPENED.get();

        CanaryVerdict verdict = deployer.assess("production");

        assertThat(verdict.decision()).isEqualTo(CanaryVerdict.Decision.WAIT);
        assertThat(verdict.reason()).isEqualTo("too few requests to judge: canary 0, stable 0, need 200 each"
                + " (this process has served no traffic in 'production' yet)");
        assertThat(LinearTestCodec.OPENED.get() - decoded).as("models decoded to assess").isZero();
        assertThat(deployer.history("production")).isEqualTo(history);
        assertThat(deployer.assess("staging").decision()).isEqualTo(CanaryVerdict.Decision.NOTHING_TO_ANALYZE);
    }

    @Test
    void assess_refuses_an_invalid_environment_name_and_a_null() {
        assertThatThrownBy(() -> deployer.assess("no such/env")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> deployer.assess(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("environment");
    }
}
