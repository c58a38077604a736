package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment change made through one registry reaches the endpoints of another registry on the same data
 * within 2 seconds: two registries on one directory (as two processes open it), and two hosts on one
 * PostgreSQL database and one artifact store. Each step is timed from the change to the moment the other
 * endpoint serves it.
 */
class FollowingChangesTest {
    static final Duration WITHIN = Duration.ofSeconds(2);
    static final String ENV = "staging";

    @TempDir
    Path dir;

    @Test
    void two_registries_on_one_directory_follow_each_others_deployments() {
        try (TwoHosts two = TwoHosts.onOneDirectory(dir)) {
            story(two.a(), two.b());
        }
    }

    @Test
    void two_hosts_on_one_postgresql_database_follow_each_others_deployments() {
        try (TwoHosts two = TwoHosts.onPostgres(dir)) {
            story(two.a(), two.b());
        }
    }

    /**
     * With a poll period of an hour, only PostgreSQL's NOTIFY can bring the changes across in time: each
     * committed change wakes the other host's listener, which applies it at once.
     */
    @Test
    void on_postgresql_the_news_of_a_commit_brings_each_change_without_waiting_for_a_poll() {
        Duration never = Duration.ofHours(1);
        try (TwoHosts two = TwoHosts.onPostgres(dir, b -> b.followDeploymentsEvery(never))) {
            story(two.a(), two.b());
        }
    }

    /** Deploy, canary, promote, rollback and undeploy on a; after each, b's endpoint serves the change. */
    private static void story(ModelRegistry a, ModelRegistry b) {
        ModelRef.Numbered one = Fixtures.linear(a, "m", 1.0, 0, 0);
        ModelRef.Numbered two = Fixtures.linear(a, "m", 2.0, 0, 0);
        a.deployer().deploy(one, ENV, DeploymentSpec.replace());
        Endpoint there = b.deployer().endpoint(ENV);
        assertThat(versions(there)).containsExactly(1);

        a.deployer().deploy(two, ENV, DeploymentSpec.canary(50));
        within(there, v -> v.equals(Set.of(1, 2)), "the canary");
        a.deployer().promote(ENV);
        within(there, v -> v.equals(Set.of(2)), "the promotion");
        a.deployer().rollback(ENV, "test");
        within(there, v -> v.equals(Set.of(1)), "the rollback");
        a.deployer().undeploy(ENV);
        within(there, Set::isEmpty, "the undeploy");
    }

    /** The versions that answer 200 routing keys, empty when nothing is deployed. */
    private static Set<Integer> versions(Endpoint endpoint) {
        try {
            Set<Integer> out = new TreeSet<>();
            IntStream.range(0, 200).forEach(k -> out.add(
                    endpoint.serve(new double[Fixtures.FEATURES.size()], "key-" + k).version().version()));
            return out;
        } catch (DeploymentNotFoundException e) {
            return Set.of();
        }
    }

    private static void within(Endpoint endpoint, Predicate<Set<Integer>> served, String change) {
        long start = System.nanoTime();
        Function<Long, Duration> since = t -> Duration.ofNanos(System.nanoTime() - t);
        while (!served.test(versions(endpoint))) {
            assertThat(since.apply(start)).as("the other registry serves " + change + " within " + WITHIN
                    + "; it serves " + versions(endpoint)).isLessThan(WITHIN);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
