package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.InvalidNameException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.IllegalTransitionException;
import dev.modelregistry.api.monitoring.VersionMetrics;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** States, transitions, persistence, audit and refusals of the registry's deployer. */
class LifeCycleTest {
    private static final double[] ROW = {0.1, 0.2, 0.3, 0.4, 0.5};

    @TempDir
    Path dir;
    ModelRegistry registry;
    Deployer deployer;

    @BeforeEach
    void open() {
        registry = ModelRegistry.open(dir);
        deployer = registry.deployer();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private ModelRef.Numbered constant() {
        return Fixtures.constantOwnNumber(registry, "m");
    }

    private List<String> states(String environment) {
        return deployer.deployments(environment).stream().map(d -> d.version() + " " + d.state() + " "
                + d.weightPercent()).toList();
    }

    @Nested
    class Transitions {
        @Test
        void first_deploy_is_active_a_canary_goes_beside_it_and_promote_retires_the_old_stable() {
            ModelRef.Numbered v1 = constant();
            ModelRef.Numbered v2 = constant();
            Deployment first = deployer.deploy(v1, "production", DeploymentSpec.canary(10));
            assertThat(first.state()).as("the first deployment of an environment is stable").isEqualTo(
                    DeploymentState.ACTIVE);
            deployer.deploy(v2, "production", DeploymentSpec.canary(10));
            assertThat(states("production")).containsExactly("m/1 ACTIVE 100", "m/2 CANARY 10");

            Deployment promoted = deployer.promote("production");
            assertThat(promoted.state()).isEqualTo(DeploymentState.PROMOTED);
            assertThat(states("production")).containsExactly("m/2 PROMOTED 100");
            assertThat(deployer.endpoint("production").predict(ROW, "k")).isEqualTo(2.0);
        }

        @Test
        void rollback_walks_back_through_stable_versions_and_then_refuses() {
            ModelRef.Numbered v1 = constant();
            ModelRef.Numbered v2 = constant();
            ModelRef.Numbered v3 = constant();
            deployer.deploy(v1, "production", DeploymentSpec.replace());
            deployer.deploy(v2, "production", DeploymentSpec.replace());
            deployer.deploy(v3, "production", DeploymentSpec.canary(50));
            deployer.promote("production");
            Endpoint endpoint = deployer.endpoint("production");
            assertThat(endpoint.predict(ROW, "k")).isEqualTo(3.0);

            assertThat(deployer.rollback("production", "bad numbers").version()).isEqualTo(v2);
            assertThat(endpoint.predict(ROW, "k")).isEqualTo(2.0);
            assertThat(deployer.rollback("production").version()).isEqualTo(v1);
            assertThat(endpoint.predict(ROW, "k")).isEqualTo(1.0);
            assertThatThrownBy(() -> deployer.rollback("production")).isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("no candidate and no stable version before m/1");
            assertThat(states("production")).containsExactly("m/1 ACTIVE 100");
        }

        @Test
        void rollback_with_a_candidate_removes_only_the_candidate() {
            ModelRef.Numbered v1 = constant();
            ModelRef.Numbered v2 = constant();
            deployer.deploy(v1, "production", DeploymentSpec.replace());
            deployer.deploy(v2, "production", DeploymentSpec.canary(100));
            assertThat(deployer.endpoint("production").predict(ROW, "k")).isEqualTo(2.0);
            assertThat(deployer.rollback("production").version()).isEqualTo(v1);
            assertThat(states("production")).containsExactly("m/1 ACTIVE 100");
            assertThat(deployer.endpoint("production").predict(ROW, "k")).isEqualTo(1.0);
        }

        @Test
        void illegal_actions_throw_a_specific_exception_and_change_nothing() {
            ModelRef.Numbered v1 = constant();
            ModelRef.Numbered v2 = constant();
            ModelRef.Numbered v3 = constant();
            assertThatThrownBy(() -> deployer.promote("production")).isInstanceOf(DeploymentNotFoundException.class);
            assertThatThrownBy(() -> deployer.rollback("production")).isInstanceOf(DeploymentNotFoundException.class);
            assertThatThrownBy(() -> deployer.undeploy("production")).isInstanceOf(DeploymentNotFoundException.class);
            assertThatThrownBy(() -> deployer.endpoint("production").predict(ROW, "k"))
                    .isInstanceOf(DeploymentNotFoundException.class);

            deployer.deploy(v1, "production", DeploymentSpec.replace());
            List<DeploymentEvent> history = deployer.history("production");
            assertThatThrownBy(() -> deployer.promote("production")).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> deployer.setCanaryWeight("production", 20))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> deployer.deploy(v1, "production", DeploymentSpec.canary(5)))
                    .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already the stable");
            deployer.deploy(v2, "production", DeploymentSpec.shadow());
            history = deployer.history("production");
            assertThatThrownBy(() -> deployer.deploy(v3, "production", DeploymentSpec.canary(5)))
                    .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already runs m/2 as SHADOW");
            assertThatThrownBy(() -> deployer.setCanaryWeight("production", 20))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> deployer.deploy(v3, "bad name!", DeploymentSpec.replace()))
                    .isInstanceOf(InvalidNameException.class);
            assertThat(deployer.history("production")).isEqualTo(history);
            assertThat(states("production")).containsExactly("m/1 ACTIVE 100", "m/2 SHADOW 0");
            assertThat(DeploymentState.RETIRED.canMoveTo(DeploymentState.ACTIVE)).isFalse();
            assertThat(DeploymentState.ROLLED_BACK.canMoveTo(DeploymentState.PROMOTED)).isFalse();
            assertThat(DeploymentState.CANARY.canMoveTo(DeploymentState.PROMOTED)).isTrue();
        }

        @Test
        void blue_green_waits_without_traffic_until_promoted() {
            deployer.deploy(constant(), "production", DeploymentSpec.replace());
            ModelRef.Numbered green = constant();
            assertThat(deployer.deploy(green, "production", DeploymentSpec.blueGreen()).state())
                    .isEqualTo(DeploymentState.PENDING);
            for (int i = 0; i < 100; i++) {
                assertThat(deployer.endpoint("production").predict(ROW, "k" + i)).isEqualTo(1.0);
            }
            deployer.promote("production");
            for (int i = 0; i < 100; i++) {
                assertThat(deployer.endpoint("production").predict(ROW, "k" + i)).isEqualTo(2.0);
            }
        }

        @Test
        void undeploy_retires_everything_and_the_endpoint_then_refuses() {
            deployer.deploy(constant(), "staging", DeploymentSpec.replace());
            deployer.deploy(constant(), "staging", DeploymentSpec.canary(50));
            deployer.undeploy("staging");
            assertThat(deployer.deployments("staging")).isEmpty();
            assertThatThrownBy(() -> deployer.endpoint("staging").predict(ROW, "k"))
                    .isInstanceOf(DeploymentNotFoundException.class);
            assertThat(deployer.history("staging")).extracting(DeploymentEvent::action)
                    .containsExactly("deploy", "deploy", "undeploy", "undeploy");
        }

        @Test
        void environments_are_independent() {
            deployer.deploy(constant(), "production", DeploymentSpec.replace());
            deployer.deploy(constant(), "staging", DeploymentSpec.replace());
            assertThat(deployer.endpoint("production").predict(ROW, "k")).isEqualTo(1.0);
            assertThat(deployer.endpoint("staging").predict(ROW, "k")).isEqualTo(2.0);
            assertThat(deployer.deployments()).extracting(Deployment::environment)
                    .containsExactly("production", "staging");
        }
    }

    /** Shadow scoring runs on an executor the test drives: nothing is scored until it runs the tasks. */
    @Nested
    class Shadow {
        final ManualScheduler executor = new ManualScheduler();

        @BeforeEach
        void openWithTheTestsExecutor() {
            registry.close();
            registry = ModelRegistry.builder(dir).executor(executor).open();
            deployer = registry.deployer();
        }

        @Test
        void a_shadow_is_scored_off_the_callers_thread_and_recorded_but_never_answers() {
            deployer.deploy(constant(), "production", DeploymentSpec.replace());
            deployer.deploy(constant(), "production", DeploymentSpec.shadow());
            Endpoint endpoint = deployer.endpoint("production");
            for (int i = 0; i < 500; i++) {
                assertThat(endpoint.serve(ROW, "k" + i).value()).isEqualTo(1.0);
            }
            assertThat(shadowRequests()).as("answers do not wait for the shadow").isZero();
            assertThat(executor.waiting()).isEqualTo(500);

            executor.runPending();
            List<VersionMetrics> metrics = registry.monitoring().snapshot("production");
            assertThat(metrics).extracting(VersionMetrics::state).containsExactly(DeploymentState.ACTIVE,
                    DeploymentState.SHADOW);
            assertThat(metrics.get(1).requests()).isEqualTo(500);
            assertThat(metrics.get(1).predictionMean()).isEqualTo(2.0);
            assertThat(metrics.get(0).requests()).isEqualTo(500);
        }

        @Test
        void a_shadow_row_the_executor_rejects_is_dropped_and_the_request_is_still_answered() {
            deployer.deploy(constant(), "production", DeploymentSpec.replace());
            deployer.deploy(constant(), "production", DeploymentSpec.shadow());
            executor.shutdown(); // rejects every task from now on
            for (int i = 0; i < 50; i++) {
                assertThat(deployer.endpoint("production").predict(ROW, "k" + i)).isEqualTo(1.0);
            }
            assertThat(shadowRequests()).isZero();
        }

        private long shadowRequests() {
            return registry.monitoring().snapshot("production").get(1).requests();
        }
    }

    /** The registry's own threads: real ones here, joined with a bound. */
    @Nested
    class Threads {
        @Test
        @Timeout(60)
        void closing_stops_the_shadow_threads_the_registry_started_and_leaves_a_given_executor_running()
                throws InterruptedException {
            Set<Thread> before = shadowThreads();
            deployer.deploy(constant(), "production", DeploymentSpec.replace());
            deployer.deploy(constant(), "production", DeploymentSpec.shadow());
            for (int i = 0; i < 100; i++) {
                deployer.endpoint("production").predict(ROW, "k" + i);
            }
            Set<Thread> started = shadowThreads();
            started.removeAll(before);
            assertThat(started).as("the registry's own shadow pool").isNotEmpty();

            registry.close();
            for (Thread t : started) {
                t.join(10_000);
                assertThat(t.isAlive()).as("%s after close", t.getName()).isFalse();
            }

            ExecutorService given = Executors.newSingleThreadExecutor();
            try {
                registry = ModelRegistry.builder(dir).executor(given).open();
                registry.close();
                assertThat(given.isShutdown()).as("an executor given to the builder is its owner's").isFalse();
            } finally {
                given.shutdownNow();
            }
        }

        private Set<Thread> shadowThreads() {
            Set<Thread> out = new HashSet<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("model-registry-shadow-")) {
                    out.add(t);
                }
            }
            return out;
        }
    }

    @Nested
    class Refusals {
        @Test
        void a_version_whose_artifact_is_corrupt_is_refused_and_nothing_is_recorded() throws IOException {
            ModelRef.Numbered v1 = constant();
            var info = registry.versions().get(v1).artifact();
            String hex = info.digest().hex();
            Path blob = dir.resolve("blobs").resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
            byte[] bytes = Files.readAllBytes(blob);
            bytes[bytes.length - 1] ^= 1;
            blob.toFile().setWritable(true);
            Files.write(blob, bytes);

            assertThatThrownBy(() -> deployer.deploy(v1, "production", DeploymentSpec.replace()))
                    .isInstanceOf(IntegrityException.class);
            assertThat(deployer.deployments()).isEmpty();
            assertThat(deployer.history("production")).isEmpty();
        }

        @Test
        void a_model_that_does_not_predict_is_refused() {
            var v = registry.versions().register("opaque", new byte[] {1, 2, 3}, ModelMetadata.of("bytes"));
            Fixtures.approved(registry, Fixtures.numbered(v));
            assertThatThrownBy(() -> deployer.deploy(v.ref(), "production", DeploymentSpec.replace()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("does not predict");
            assertThat(deployer.deployments()).isEmpty();
        }
    }

    @Nested
    class Persistence {
        @Test
        void every_action_writes_an_audit_row_naming_environment_and_version() {
            deployer.deploy(constant(), "production", DeploymentSpec.replace());
            deployer.deploy(constant(), "production", DeploymentSpec.canary(10));
            deployer.setCanaryWeight("production", 30);
            deployer.promote("production");
            deployer.rollback("production", "too slow");
            List<AuditEntry> rows = registry.audit().query(Optional.of("m"), Optional.empty(), Optional.empty(), 100)
                    .stream().filter(a -> a.operation().startsWith("deployment-")).toList();
            assertThat(rows).extracting(a -> a.operation() + " " + a.target() + " " + a.before() + " -> " + a.after())
                    .containsExactly(
                            "deployment-deploy production/1  -> ACTIVE weight=100 reason=replace",
                            "deployment-deploy production/2  -> CANARY weight=10 reason=canary beside m/1",
                            "deployment-ramp production/2 CANARY -> CANARY weight=30 reason=weight 10% -> 30%: manual",
                            "deployment-retire production/1 ACTIVE -> RETIRED weight=0 reason=replaced by promoted m/2",
                            "deployment-promote production/2 CANARY -> PROMOTED weight=100 reason=manual",
                            "deployment-rollback production/2 PROMOTED -> ROLLED_BACK weight=0 reason=too slow",
                            "deployment-restore production/1  -> ACTIVE weight=100 reason=rollback of m/2: too slow");
        }

        @Test
        void close_and_reopen_gives_the_same_deployments_weights_history_and_routing() {
            ModelRef.Numbered v1 = Fixtures.trained(registry, "spx", 1);
            ModelRef.Numbered v2 = Fixtures.trained(registry, "spx", 2);
            deployer.deploy(v1, "production", DeploymentSpec.replace());
            deployer.deploy(v2, "production", DeploymentSpec.canarySteps(List.of(10, 25, 50))
                    .withPolicy(CanaryPolicy.defaults().withMinRequests(50)));
            deployer.setCanaryWeight("production", 25);
            deployer.deploy(v1, "staging", DeploymentSpec.replace());
            List<Deployment> deployments = deployer.deployments();
            List<DeploymentEvent> history = deployer.history("production");
            double[][] rows = Fixtures.rows(2_000, new SplittableRandom(3), 0);
            List<String> answers = answers(deployer.endpoint("production"), rows);

            registry.close();
            registry = ModelRegistry.open(dir);
            deployer = registry.deployer();

            assertThat(deployer.deployments()).isEqualTo(deployments);
            assertThat(deployer.deployments("production")).extracting(Deployment::weightPercent)
                    .containsExactly(100, 25);
            assertThat(deployer.history("production")).isEqualTo(history);
            assertThat(answers(deployer.endpoint("production"), rows)).as("same routing, same answers")
                    .isEqualTo(answers);
            assertThat(deployer.promote("production").version()).isEqualTo(v2);
        }

        @Test
        void closing_the_registry_releases_the_models_and_the_endpoint_refuses() {
            int released = LinearTestCodec.RELEASED.get();
            deployer.deploy(constant(), "production", DeploymentSpec.replace());
            deployer.deploy(constant(), "production", DeploymentSpec.canary(50));
            Endpoint endpoint = deployer.endpoint("production");
            endpoint.predict(ROW, "k");
            registry.close();
            assertThat(LinearTestCodec.RELEASED.get() - released).isEqualTo(2);
            assertThatThrownBy(() -> endpoint.predict(ROW, "k")).isInstanceOf(RegistryClosedException.class);
            registry = ModelRegistry.open(dir); // for close()
        }

        private List<String> answers(Endpoint endpoint, double[][] rows) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                var p = endpoint.serve(rows[i], "key-" + i);
                out.add(p.version() + "=" + p.value());
            }
            return out;
        }
    }
}
