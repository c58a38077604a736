package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.IllegalTransitionException;
import dev.modelregistry.core.deployment.Transitions.Change;
import dev.modelregistry.core.deployment.Transitions.Create;
import dev.modelregistry.core.deployment.Transitions.Move;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The life-cycle rules with plain values: live deployments in, changes (or a refusal) out. No store. */
class TransitionsTest {
    private static final ModelRef.Numbered V1 = new ModelRef.Numbered("m", 1);
    private static final ModelRef.Numbered V2 = new ModelRef.Numbered("m", 2);
    private static final ModelRef.Numbered V3 = new ModelRef.Numbered("m", 3);

    private static Deployment deployment(long id, ModelRef.Numbered version, DeploymentSpec spec,
            DeploymentState state, int weight) {
        return new Deployment(id, "production", version, spec, state, weight, Instant.EPOCH);
    }

    private static final Deployment STABLE = deployment(1, V1, DeploymentSpec.replace(), DeploymentState.ACTIVE, 100);
    private static final Deployment CANARY = deployment(2, V2, DeploymentSpec.canary(10), DeploymentState.CANARY, 10);
    private static final Deployment SHADOW = deployment(2, V2, DeploymentSpec.shadow(), DeploymentState.SHADOW, 0);

    /** Each change as one line: what it does to which version, in which state and weight, and why. */
    private static List<String> describe(List<Change> changes) {
        return changes.stream().map(c -> {
            if (c instanceof Move m) {
                return m.action() + " " + m.deployment().version() + " -> " + m.to() + " " + m.weightPercent()
                        + " previous=" + m.previousStable().map(d -> d.version().toString()).orElse("-")
                        + " (" + m.reason() + ")";
            }
            Create n = (Create) c;
            return n.action() + " " + n.version() + " as " + n.state() + " " + n.weightPercent()
                    + " previous=" + n.previousStable().map(d -> d.version().toString()).orElse("-")
                    + " (" + n.reason() + ")";
        }).toList();
    }

    @Test
    void the_first_deployment_is_stable_whatever_the_strategy() {
        assertThat(describe(Transitions.deploy("production", List.of(), V1, DeploymentSpec.canary(10))))
                .containsExactly("deploy m/1 as ACTIVE 100 previous=- (canary)");
    }

    @Test
    void a_replacement_retires_the_candidate_then_the_stable_version_and_records_what_it_replaced() {
        assertThat(describe(Transitions.deploy("production", List.of(STABLE, CANARY), V3, DeploymentSpec.replace())))
                .containsExactly(
                        "retire m/2 -> RETIRED 0 previous=- (replaced by m/3)",
                        "retire m/1 -> RETIRED 0 previous=- (replaced by m/3)",
                        "deploy m/3 as ACTIVE 100 previous=m/1 (replace)");
    }

    @Test
    void a_candidate_goes_beside_the_stable_version_in_the_state_of_its_strategy() {
        assertThat(describe(Transitions.deploy("production", List.of(STABLE), V2, DeploymentSpec.canarySteps(
                List.of(5, 50))))).containsExactly("deploy m/2 as CANARY 5 previous=- (canary beside m/1)");
        assertThat(describe(Transitions.deploy("production", List.of(STABLE), V2, DeploymentSpec.shadow())))
                .containsExactly("deploy m/2 as SHADOW 0 previous=- (shadow beside m/1)");
        assertThat(describe(Transitions.deploy("production", List.of(STABLE), V2, DeploymentSpec.blueGreen())))
                .containsExactly("deploy m/2 as PENDING 0 previous=- (blue_green beside m/1)");
    }

    @Test
    void a_second_candidate_or_the_stable_version_again_is_refused() {
        assertThatThrownBy(() -> Transitions.deploy("production", List.of(STABLE, CANARY), V3,
                DeploymentSpec.canary(5))).isInstanceOf(IllegalTransitionException.class)
                .hasMessage("environment 'production' already runs m/2 as CANARY beside m/1; promote or roll it"
                        + " back first");
        assertThatThrownBy(() -> Transitions.deploy("production", List.of(STABLE), V1, DeploymentSpec.canary(5)))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("m/1 is already the stable version of 'production'");
    }

    @Test
    void promotion_retires_the_stable_version_first_and_the_promoted_one_records_it() {
        assertThat(describe(Transitions.promote("production", List.of(STABLE, SHADOW), "manual"))).containsExactly(
                "retire m/1 -> RETIRED 0 previous=- (replaced by promoted m/2)",
                "promote m/2 -> PROMOTED 100 previous=m/1 (manual)");
    }

    @Test
    void promotion_needs_a_candidate_and_something_deployed() {
        assertThatThrownBy(() -> Transitions.promote("production", List.of(STABLE), "manual"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("environment 'production' has no candidate to promote; it serves m/1");
        assertThatThrownBy(() -> Transitions.promote("production", List.of(), "manual"))
                .isInstanceOf(DeploymentNotFoundException.class);
    }

    @Test
    void only_a_canary_is_ramped_and_the_reason_shows_both_weights() {
        assertThat(describe(Transitions.ramp("production", List.of(STABLE, CANARY), 30, "manual")))
                .containsExactly("ramp m/2 -> CANARY 30 previous=- (weight 10% -> 30%: manual)");
        assertThatThrownBy(() -> Transitions.ramp("production", List.of(STABLE, SHADOW), 30, "manual"))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("environment 'production' runs no canary");
        assertThatThrownBy(() -> Transitions.ramp("production", List.of(), 30, "manual"))
                .isInstanceOf(DeploymentNotFoundException.class);
    }

    @Test
    void a_rollback_removes_a_running_candidate_and_nothing_else() {
        assertThat(Transitions.restores(List.of(STABLE, CANARY))).isFalse();
        assertThat(describe(Transitions.rollback("production", List.of(STABLE, CANARY), Optional.empty(),
                Optional.empty(), Optional.empty(), "bad"))).containsExactly(
                "rollback m/2 -> ROLLED_BACK 0 previous=- (bad)");
    }

    @Test
    void without_a_candidate_a_rollback_restores_the_previous_stable_version_as_a_new_deployment() {
        Deployment previous = deployment(7, V3, DeploymentSpec.replace(), DeploymentState.RETIRED, 0);
        Deployment beforePrevious = deployment(5, V2, DeploymentSpec.replace(), DeploymentState.RETIRED, 0);
        assertThat(Transitions.restores(List.of(STABLE))).isTrue();
        assertThat(describe(Transitions.rollback("production", List.of(STABLE), Optional.of(previous),
                Optional.of(beforePrevious), Optional.of(previous), "slow"))).containsExactly(
                "rollback m/1 -> ROLLED_BACK 0 previous=- (slow)",
                "restore m/3 as ACTIVE 100 previous=m/2 (rollback of m/1: slow)");
    }

    @Test
    void a_rollback_without_a_previous_version_is_refused_and_a_changed_plan_is_a_conflict() {
        assertThatThrownBy(() -> Transitions.rollback("production", List.of(STABLE), Optional.empty(),
                Optional.empty(), Optional.empty(), "r")).isInstanceOf(IllegalTransitionException.class)
                .hasMessage("environment 'production' has no candidate and no stable version before m/1 to roll"
                        + " back to");
        Deployment previous = deployment(7, V3, DeploymentSpec.replace(), DeploymentState.RETIRED, 0);
        Deployment other = deployment(8, V2, DeploymentSpec.replace(), DeploymentState.RETIRED, 0);
        assertThatThrownBy(() -> Transitions.rollback("production", List.of(STABLE), Optional.of(previous),
                Optional.empty(), Optional.of(other), "r")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> Transitions.rollback("production", List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), "r")).isInstanceOf(DeploymentNotFoundException.class);
    }

    @Test
    void undeploy_retires_the_candidate_then_the_stable_version() {
        assertThat(describe(Transitions.undeploy("production", List.of(STABLE, CANARY)))).containsExactly(
                "undeploy m/2 -> RETIRED 0 previous=- (undeployed)",
                "undeploy m/1 -> RETIRED 0 previous=- (undeployed)");
        assertThatThrownBy(() -> Transitions.undeploy("production", List.of()))
                .isInstanceOf(DeploymentNotFoundException.class)
                .hasMessage("nothing is deployed in environment 'production'");
    }
}
