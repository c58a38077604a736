package dev.modelregistry.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.InvalidNameException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.EvaluationGateException;
import dev.modelregistry.api.deployment.IllegalTransitionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link Deployer}, as JUnit 5 tests: extend this class, implement
 * {@link #createDeployer(Path)} and {@link #registerConstant(String, double)} and, if the instance holds
 * resources, {@link #close(Deployer)}; every test below runs against your implementation.
 *
 * <pre>{@code
 * class MyDeployerContractTest extends DeployerContract {
 *     private MyRegistry registry;
 *
 *     @Override
 *     protected Deployer createDeployer(Path dir) {
 *         registry = MyRegistry.open(dir);
 *         return registry.deployer();
 *     }
 *
 *     @Override
 *     protected ModelRef.Numbered registerConstant(String model, double value) {
 *         return registry.registerModelThatAlwaysPredicts(model, value);
 *     }
 *
 *     @Override
 *     protected void close(Deployer deployer) {
 *         registry.close();
 *     }
 * }
 * }</pre>
 *
 * <p>It checks the life cycle (first deployment stable, canary beside it, promote, rollback of a
 * candidate and of a stable version, blue-green, undeploy), that illegal actions throw
 * {@link IllegalTransitionException} and change nothing (and a check period that is not positive is refused),
 * sticky routing (a key always lands on the same
 * version, the share follows the weight, ramping up never moves a key off the canary), that shadow answers
 * are never returned, and the history of actions. A deployer with an evaluation gate also implements
 * {@link #registerRejected} (and {@link #guardedEnvironment} if its guarded environment is not
 * {@code "production"}) to have the gate checked: refusal that changes nothing, the override, and an
 * unguarded environment.
 *
 * <p>Thread-safety: an instance of this class is used by one test thread (JUnit creates one per test).
 */
public abstract class DeployerContract {
    private static final double[] ROW = {0.25, -0.5, 1.0};

    @TempDir
    Path dir;

    Deployer deployer;

    /** For subclasses. */
    protected DeployerContract() {
    }

    /**
     * Creates the implementation under test, with no deployments. Called once before each test.
     *
     * @param dir a fresh, empty temporary directory the implementation may use (deleted after the test)
     * @return the deployer, not null
     */
    protected abstract Deployer createDeployer(Path dir);

    /**
     * Registers a new version of {@code model} whose model predicts {@code value} for every row (of any
     * width), in the registry behind the deployer.
     *
     * @param model the model name
     * @param value the constant prediction
     * @return the new version
     */
    protected abstract ModelRef.Numbered registerConstant(String model, double value);

    /**
     * For a deployer with an evaluation gate: registers a new version of {@code model} that predicts
     * {@code value} and whose stored evaluation fails the gate (for the registry: an evaluation that
     * recommends REJECT). The default returns empty, which skips the {@code EvaluationGate} tests; a
     * deployer that gates must then make {@link #registerConstant} return versions that pass.
     *
     * @param model the model name
     * @param value the constant prediction
     * @return the new version, or empty if the deployer has no evaluation gate
     */
    protected Optional<ModelRef.Numbered> registerRejected(String model, double value) {
        return Optional.empty();
    }

    /**
     * The environment whose evaluation gate {@link #registerRejected} versions fail.
     *
     * @return the guarded environment; {@code "production"} unless overridden
     */
    protected String guardedEnvironment() {
        return "production";
    }

    /**
     * Releases what {@link #createDeployer(Path)} opened. Called after each test, also when it failed.
     * The default does nothing.
     *
     * @param deployer the instance under test
     */
    protected void close(Deployer deployer) {
    }

    @BeforeEach
    void createDeployerUnderTest() {
        deployer = createDeployer(dir);
        assertThat(deployer).as("createDeployer(dir) returned null").isNotNull();
    }

    @AfterEach
    void closeDeployerUnderTest() {
        if (deployer != null) {
            close(deployer);
        }
    }

    private double answer(String environment) {
        return deployer.endpoint(environment).predict(ROW, "key");
    }

    private List<String> serving(String environment) {
        return deployer.deployments(environment).stream().map(d -> d.version() + " " + d.state()).toList();
    }

    @Nested
    class LifeCycle {
        @Test
        void the_first_deployment_of_an_environment_is_stable_and_serves_everything() {
            ModelRef.Numbered v1 = registerConstant("m", 1);
            Deployment d = deployer.deploy(v1, "production", DeploymentSpec.canary(10));
            assertThat(d.state()).isEqualTo(DeploymentState.ACTIVE);
            assertThat(d.environment()).isEqualTo("production");
            assertThat(d.version()).isEqualTo(v1);
            assertThat(deployer.deployments()).containsExactly(d);
            for (int i = 0; i < 50; i++) {
                assertThat(deployer.endpoint("production").predict(ROW, "key-" + i)).isEqualTo(1.0);
            }
        }

        @Test
        void a_canary_runs_beside_the_stable_version_and_promote_makes_it_stable() {
            ModelRef.Numbered v1 = registerConstant("m", 1);
            ModelRef.Numbered v2 = registerConstant("m", 2);
            deployer.deploy(v1, "production", DeploymentSpec.replace());
            Deployment canary = deployer.deploy(v2, "production", DeploymentSpec.canary(100));
            assertThat(canary.state()).isEqualTo(DeploymentState.CANARY);
            assertThat(serving("production")).containsExactly(v1 + " ACTIVE", v2 + " CANARY");
            assertThat(answer("production")).as("a 100 % canary answers everything").isEqualTo(2.0);

            Deployment promoted = deployer.promote("production");
            assertThat(promoted.state()).isEqualTo(DeploymentState.PROMOTED);
            assertThat(promoted.id()).isEqualTo(canary.id());
            assertThat(serving("production")).containsExactly(v2 + " PROMOTED");
            assertThat(answer("production")).isEqualTo(2.0);
        }

        @Test
        void rollback_removes_a_candidate_or_else_restores_the_previous_stable_version() {
            ModelRef.Numbered v1 = registerConstant("m", 1);
            ModelRef.Numbered v2 = registerConstant("m", 2);
            ModelRef.Numbered v3 = registerConstant("m", 3);
            deployer.deploy(v1, "production", DeploymentSpec.replace());
            deployer.deploy(v2, "production", DeploymentSpec.replace());
            deployer.deploy(v3, "production", DeploymentSpec.canary(100));

            assertThat(deployer.rollback("production").version()).isEqualTo(v2);
            assertThat(serving("production")).containsExactly(v2 + " ACTIVE");
            assertThat(answer("production")).isEqualTo(2.0);

            Deployment restored = deployer.rollback("production", "v2 misbehaves");
            assertThat(restored.version()).isEqualTo(v1);
            assertThat(restored.state()).isEqualTo(DeploymentState.ACTIVE);
            assertThat(answer("production")).isEqualTo(1.0);
        }

        @Test
        void a_blue_green_candidate_takes_no_traffic_until_promoted() {
            deployer.deploy(registerConstant("m", 1), "production", DeploymentSpec.replace());
            assertThat(deployer.deploy(registerConstant("m", 2), "production", DeploymentSpec.blueGreen()).state())
                    .isEqualTo(DeploymentState.PENDING);
            for (int i = 0; i < 50; i++) {
                assertThat(deployer.endpoint("production").predict(ROW, "key-" + i)).isEqualTo(1.0);
            }
            deployer.promote("production");
            assertThat(answer("production")).isEqualTo(2.0);
        }

        @Test
        void undeploy_stops_serving_the_environment_only() {
            deployer.deploy(registerConstant("m", 1), "production", DeploymentSpec.replace());
            deployer.deploy(registerConstant("m", 2), "staging", DeploymentSpec.replace());
            deployer.undeploy("staging");
            assertThat(deployer.deployments("staging")).isEmpty();
            assertThatThrownBy(() -> answer("staging")).isInstanceOf(DeploymentNotFoundException.class);
            assertThat(answer("production")).isEqualTo(1.0);
        }
    }

    @Nested
    class Refusals {
        @Test
        void an_environment_with_nothing_deployed_has_nothing_to_promote_roll_back_or_serve() {
            assertThatThrownBy(() -> deployer.promote("production")).isInstanceOf(DeploymentNotFoundException.class);
            assertThatThrownBy(() -> deployer.rollback("production")).isInstanceOf(DeploymentNotFoundException.class);
            assertThatThrownBy(() -> deployer.undeploy("production")).isInstanceOf(DeploymentNotFoundException.class);
            assertThatThrownBy(() -> answer("production")).isInstanceOf(DeploymentNotFoundException.class);
            assertThat(deployer.deployments("production")).isEmpty();
            assertThat(deployer.history("production")).isEmpty();
        }

        @Test
        void illegal_transitions_throw_and_change_nothing() {
            ModelRef.Numbered v1 = registerConstant("m", 1);
            deployer.deploy(v1, "production", DeploymentSpec.replace());
            List<DeploymentEvent> history = deployer.history("production");
            List<Deployment> deployments = deployer.deployments();

            assertThatThrownBy(() -> deployer.promote("production")).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> deployer.rollback("production")).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> deployer.setCanaryWeight("production", 50))
                    .isInstanceOf(IllegalTransitionException.class);
            deployer.deploy(registerConstant("m", 2), "production", DeploymentSpec.canary(10));
            history = deployer.history("production");
            deployments = deployer.deployments();
            assertThatThrownBy(() -> deployer.deploy(registerConstant("m", 3), "production",
                    DeploymentSpec.shadow())).isInstanceOf(IllegalTransitionException.class);

            assertThat(deployer.history("production")).isEqualTo(history);
            assertThat(deployer.deployments()).isEqualTo(deployments);
        }

        @Test
        void invalid_environment_names_are_refused() {
            ModelRef.Numbered v1 = registerConstant("m", 1);
            for (String name : new String[] {"", "has space", "../up", "a/b"}) {
                assertThatThrownBy(() -> deployer.deploy(v1, name, DeploymentSpec.replace())).as(name)
                        .isInstanceOf(InvalidNameException.class);
            }
            assertThat(deployer.deployments()).isEmpty();
        }

        @Test
        void a_check_period_that_is_not_positive_is_refused() {
            for (Duration period : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
                assertThatThrownBy(() -> deployer.scheduleChecks(period)).as(period.toString())
                        .isInstanceOf(InvalidArgumentException.class);
            }
        }
    }

    @Nested
    class Routing {
        private static final int KEYS = 20_000;

        private Set<String> canaryKeys(Endpoint endpoint, ModelRef.Numbered canary) {
            Set<String> out = new HashSet<>();
            for (int i = 0; i < KEYS; i++) {
                if (endpoint.route("key-" + i).equals(canary)) {
                    out.add("key-" + i);
                }
            }
            return out;
        }

        @Test
        void a_key_always_lands_on_the_same_version_the_share_follows_the_weight_and_ramping_keeps_keys() {
            deployer.deploy(registerConstant("m", 1), "production", DeploymentSpec.replace());
            ModelRef.Numbered canary = registerConstant("m", 2);
            deployer.deploy(canary, "production", DeploymentSpec.canary(20));
            Endpoint endpoint = deployer.endpoint("production");

            Set<String> at20 = canaryKeys(endpoint, canary);
            assertThat(at20.size() / (double) KEYS).isBetween(0.185, 0.215);
            assertThat(canaryKeys(endpoint, canary)).isEqualTo(at20);
            for (int i = 0; i < 200; i++) {
                String key = "key-" + i;
                assertThat(endpoint.predict(ROW, key)).isEqualTo(at20.contains(key) ? 2.0 : 1.0);
            }

            assertThat(deployer.setCanaryWeight("production", 50).weightPercent()).isEqualTo(50);
            Set<String> at50 = canaryKeys(endpoint, canary);
            assertThat(at50.size() / (double) KEYS).isBetween(0.485, 0.515);
            assertThat(at50).containsAll(at20);
        }

        @Test
        void a_shadow_is_never_the_answer() {
            deployer.deploy(registerConstant("m", 1), "production", DeploymentSpec.replace());
            deployer.deploy(registerConstant("m", 2), "production", DeploymentSpec.shadow());
            for (int i = 0; i < 200; i++) {
                assertThat(deployer.endpoint("production").serve(ROW, "key-" + i).value()).isEqualTo(1.0);
            }
        }
    }

    @Nested
    class History {
        @Test
        void every_action_is_recorded_in_order_with_its_states() {
            ModelRef.Numbered v1 = registerConstant("m", 1);
            ModelRef.Numbered v2 = registerConstant("m", 2);
            deployer.deploy(v1, "production", DeploymentSpec.replace());
            deployer.deploy(v2, "production", DeploymentSpec.canary(10));
            deployer.setCanaryWeight("production", 40);
            deployer.promote("production");
            deployer.rollback("production", "checking history");
            deployer.undeploy("production");

            List<DeploymentEvent> events = deployer.history("production");
            assertThat(events).extracting(DeploymentEvent::id).isSorted().doesNotHaveDuplicates();
            assertThat(events).extracting(e -> e.action() + " " + e.version() + " " + e.to())
                    .containsSubsequence("deploy " + v1 + " ACTIVE", "deploy " + v2 + " CANARY",
                            "ramp " + v2 + " CANARY", "promote " + v2 + " PROMOTED",
                            "rollback " + v2 + " ROLLED_BACK", "restore " + v1 + " ACTIVE",
                            "undeploy " + v1 + " RETIRED")
                    .contains("retire " + v1 + " RETIRED");
            assertThat(events).filteredOn(e -> e.action().equals("rollback"))
                    .allSatisfy(e -> assertThat(e.reason()).contains("checking history"));
            assertThat(events).filteredOn(e -> e.action().equals("ramp"))
                    .singleElement().satisfies(e -> assertThat(e.weightPercent()).isEqualTo(40));
        }
    }

    /**
     * An environment that requires a passing evaluation refuses a failing version with
     * {@link EvaluationGateException} and changes nothing; an override with a reason deploys it; an
     * environment without the requirement takes it. Skipped unless {@link #registerRejected} is implemented.
     */
    @Nested
    class EvaluationGate {
        private ModelRef.Numbered rejected(String model, double value) {
            Optional<ModelRef.Numbered> v = registerRejected(model, value);
            assumeTrue(v.isPresent(), "the deployer under test has no evaluation gate");
            return v.get();
        }

        @Test
        void a_failing_version_is_refused_where_a_passing_evaluation_is_required_and_nothing_changes() {
            String env = guardedEnvironment();
            ModelRef.Numbered v1 = registerConstant("m", 1);
            ModelRef.Numbered bad = rejected("m", 2);
            deployer.deploy(v1, env, DeploymentSpec.replace());
            List<Deployment> before = deployer.deployments();
            int history = deployer.history(env).size();
            for (DeploymentSpec spec : List.of(DeploymentSpec.replace(), DeploymentSpec.canary(10),
                    DeploymentSpec.blueGreen())) {
                assertThatThrownBy(() -> deployer.deploy(bad, env, spec)).isInstanceOf(EvaluationGateException.class)
                        .satisfies(e -> {
                            assertThat(((EvaluationGateException) e).version()).isEqualTo(bad);
                            assertThat(((EvaluationGateException) e).environment()).isEqualTo(env);
                        });
            }
            assertThat(deployer.deployments()).isEqualTo(before);
            assertThat(deployer.history(env)).hasSize(history);
            assertThat(answer(env)).isEqualTo(1.0);
        }

        @Test
        void an_override_with_a_reason_deploys_a_failing_version_and_lets_it_be_promoted() {
            String env = guardedEnvironment();
            deployer.deploy(registerConstant("m", 1), env, DeploymentSpec.replace());
            ModelRef.Numbered bad = rejected("m", 2);
            deployer.deploy(bad, env, DeploymentSpec.canary(10).withEvaluationOverride("contract test"));
            assertThat(deployer.promote(env).version()).isEqualTo(bad);
            assertThat(answer(env)).isEqualTo(2.0);
        }

        @Test
        void an_environment_without_the_requirement_takes_a_failing_version() {
            ModelRef.Numbered bad = rejected("m", 2);
            String other = guardedEnvironment().equals("contract-unguarded") ? "contract-unguarded-2"
                    : "contract-unguarded";
            assertThat(deployer.deploy(bad, other, DeploymentSpec.replace()).version()).isEqualTo(bad);
            assertThat(answer(other)).isEqualTo(2.0);
        }
    }
}
