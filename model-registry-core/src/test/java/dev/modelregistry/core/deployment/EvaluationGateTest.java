package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.EvaluationGateException;
import dev.modelregistry.api.evaluation.ChampionChallengerReport;
import dev.modelregistry.api.evaluation.Decision;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import dev.modelregistry.core.internal.Json;
import dev.modelregistry.core.evaluation.EvaluationReports;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation gate: production refuses a version whose stored recommendation is REJECT or missing. */
class EvaluationGateTest {
    private static final String REJECTED_BECAUSE = "hit_rate 0.49 < 0.51 (hard)";

    @TempDir
    Path dir;
    ModelRegistry registry;
    Deployer deployer;
    ModelRef.Numbered good;

    @BeforeEach
    void open() {
        registry = ModelRegistry.builder(dir).actor("alice").open();
        deployer = registry.deployer();
        good = Fixtures.linear(registry, "m", 1, 0, 0); // stored evaluation: PROMOTE
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private ModelRef.Numbered rejected() {
        ModelRef.Numbered v = unevaluated();
        return Fixtures.evaluated(registry, v, Recommendation.REJECT, REJECTED_BECAUSE);
    }

    private ModelRef.Numbered unevaluated() {
        var v = registry.versions().register("m", LinearTestCodec.artifact(2, 0, 0, 0),
                dev.modelregistry.api.version.ModelMetadata.of(LinearTestCodec.FORMAT));
        return Fixtures.numbered(v);
    }

    private List<AuditEntry> overrides() {
        return registry.audit().forModel("m").stream()
                .filter(e -> e.operation().equals("deployment-evaluation-override")).toList();
    }

    @Test
    void a_rejected_version_is_refused_in_production_and_nothing_changes() {
        deployer.deploy(good, "production", DeploymentSpec.replace());
        ModelRef.Numbered bad = rejected();
        List<Deployment> before = deployer.deployments();
        int history = deployer.history("production").size();
        int audit = registry.audit().forModel("m").size();

        assertThatThrownBy(() -> deployer.deploy(bad, "production", DeploymentSpec.replace()))
                .isInstanceOf(EvaluationGateException.class).isInstanceOf(ConflictException.class)
                .hasMessageContaining("'production'").hasMessageContaining(bad.toString())
                .hasMessageContaining("REJECT").hasMessageContaining(REJECTED_BECAUSE)
                .satisfies(e -> {
                    EvaluationGateException g = (EvaluationGateException) e;
                    assertThat(g.version()).isEqualTo(bad);
                    assertThat(g.environment()).isEqualTo("production");
                    assertThat(g.recommendation()).contains(Recommendation.REJECT);
                    assertThat(g.reason()).isEqualTo(REJECTED_BECAUSE);
                });

        assertThat(deployer.deployments()).isEqualTo(before);
        assertThat(deployer.history("production")).hasSize(history);
        assertThat(registry.audit().forModel("m")).hasSize(audit);
        assertThat(deployer.endpoint("production").predict(new double[] {0, 0, 0, 0, 0}, "k"))
                .as("the good version (intercept 1) still answers").isEqualTo(1.0);
    }

    @Test
    void a_version_without_a_stored_evaluation_is_refused() {
        ModelRef.Numbered none = unevaluated();
        assertThatThrownBy(() -> deployer.deploy(none, "production", DeploymentSpec.canary(10)))
                .isInstanceOf(EvaluationGateException.class).hasMessageContaining("no stored evaluation")
                .satisfies(e -> assertThat(((EvaluationGateException) e).recommendation()).isEmpty());
        assertThat(deployer.deployments()).isEmpty();
    }

    @Test
    void a_rejecting_comparison_stored_on_the_challenger_also_refuses() {
        ModelRef.Numbered challenger = Fixtures.linear(registry, "m", 3, 0, 0);
        double[] actual = new double[60];
        double[] near = new double[60];
        double[] far = new double[60];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = Math.sin(i);
            near[i] = actual[i] + 0.1 * Math.cos(7 * i);
            far[i] = actual[i] + Math.cos(3 * i);
        }
        ChampionChallengerReport c = new DefaultEvaluator().compare(Predictions.of(actual, near),
                Predictions.of(actual, far), EvaluationOptions.defaults());
        EvaluationReports.store(registry.versions(), challenger, new ChampionChallengerReport(c.champion(),
                Fixtures.report(Recommendation.HOLD, "not significant"), c.deltas(), c.dieboldMariano(),
                c.agreement(), c.scoreGain(),
                new Decision(Recommendation.REJECT, "significantly worse than the champion", List.of())));
        assertThatThrownBy(() -> deployer.deploy(challenger, "production", DeploymentSpec.replace()))
                .isInstanceOf(EvaluationGateException.class)
                .hasMessageContaining("champion-challenger comparison: significantly worse than the champion");
    }

    @Test
    void an_override_with_a_reason_deploys_and_is_audited() {
        ModelRef.Numbered bad = rejected();
        Deployment d = deployer.deploy(bad, "production",
                DeploymentSpec.replace().withEvaluationOverride("incident 42: the incumbent is broken"));

        assertThat(d.state()).isEqualTo(DeploymentState.ACTIVE);
        assertThat(overrides()).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.target()).isEqualTo("production/" + bad.version());
            assertThat(e.before()).isEqualTo("REJECT: " + REJECTED_BECAUSE);
            assertThat(e.after()).contains("incident 42: the incumbent is broken");
        });
    }

    @Test
    void an_override_needs_a_reason() {
        assertThatThrownBy(() -> DeploymentSpec.replace().withEvaluationOverride("  "))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void an_unguarded_environment_takes_any_version_without_an_audit_row() {
        ModelRef.Numbered bad = rejected();
        assertThat(deployer.deploy(bad, "staging", DeploymentSpec.replace()).version()).isEqualTo(bad);
        assertThat(deployer.deploy(unevaluated(), "staging", DeploymentSpec.replace()).state())
                .isEqualTo(DeploymentState.ACTIVE);
        assertThat(overrides()).isEmpty();
    }

    @Test
    void a_passing_version_needs_no_override() {
        assertThat(deployer.deploy(good, "production", DeploymentSpec.replace()).version()).isEqualTo(good);
        ModelRef.Numbered held = Fixtures.evaluated(registry, unevaluated(), Recommendation.HOLD, "not significant");
        assertThat(deployer.deploy(held, "production", DeploymentSpec.canary(10)).state())
                .isEqualTo(DeploymentState.CANARY);
        assertThat(overrides()).isEmpty();
    }

    @Test
    void promoting_a_canary_whose_evaluation_became_reject_is_refused() {
        deployer.deploy(good, "production", DeploymentSpec.replace());
        ModelRef.Numbered canary = Fixtures.linear(registry, "m", 5, 0, 0);
        deployer.deploy(canary, "production", DeploymentSpec.canary(10));
        Fixtures.evaluated(registry, canary, Recommendation.REJECT, REJECTED_BECAUSE); // re-evaluated since
        List<Deployment> before = deployer.deployments();

        assertThatThrownBy(() -> deployer.promote("production"))
                .isInstanceOf(EvaluationGateException.class).hasMessageContaining(canary.toString());
        assertThat(deployer.deployments()).isEqualTo(before);
    }

    @Test
    void an_overridden_canary_may_be_promoted_and_the_promotion_is_audited() {
        deployer.deploy(good, "production", DeploymentSpec.replace());
        ModelRef.Numbered bad = rejected();
        deployer.deploy(bad, "production", DeploymentSpec.canary(10).withEvaluationOverride("measure it live"));
        assertThat(deployer.promote("production").version()).isEqualTo(bad);
        assertThat(overrides()).extracting(AuditEntry::after)
                .containsExactly("deploy overriding the evaluation gate: measure it live",
                        "promote overriding the evaluation gate: measure it live");
    }

    @Test
    void the_guarded_environments_are_configurable() {
        registry.close();
        registry = ModelRegistry.builder(dir).requirePassingEvaluation(Set.of("live")).open();
        deployer = registry.deployer();
        ModelRef.Numbered bad = rejected();
        assertThat(deployer.deploy(bad, "production", DeploymentSpec.replace()).version()).isEqualTo(bad);
        assertThatThrownBy(() -> deployer.deploy(bad, "live", DeploymentSpec.replace()))
                .isInstanceOf(EvaluationGateException.class);
        assertThatThrownBy(() -> ModelRegistry.builder(dir).requirePassingEvaluation(Set.of("no spaces")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void a_spec_stored_before_overrides_existed_reads_without_one() {
        DeploymentSpec old = Json.read("{\"strategy\":\"CANARY\",\"stepsPercent\":[10],\"routing\":\"STICKY\","
                + "\"policy\":null}", DeploymentSpec.class);
        assertThat(old).isEqualTo(DeploymentSpec.canary(10));
        assertThat(old.evaluationOverride()).isEmpty();
        DeploymentSpec overridden = DeploymentSpec.replace().withEvaluationOverride("why");
        assertThat(Json.read(Json.write(overridden), DeploymentSpec.class)).isEqualTo(overridden);
    }
}
