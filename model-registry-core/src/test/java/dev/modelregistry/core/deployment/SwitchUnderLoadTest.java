package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.Prediction;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads predict without pause while the test deploys a canary, promotes it, rolls it back and
 * redeploys by replacement, 50 times over. Each version's model predicts its own version number.
 *
 * <p>"Live at that moment" is checked with epochs: before an action the test publishes a transition
 * epoch whose allowed versions are those live before plus those live after the action (known in
 * advance); after it, an epoch with only those live after. A request reads the epoch before and after
 * it ran; its answer must be allowed in one of the epochs in between.
 */
class SwitchUnderLoadTest {
    private static final double[] ROW = {0.1, 0.2, 0.3, 0.4, 0.5};
    /** How long any one wait for the predictor threads may take before the test fails. */
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void no_request_fails_or_is_lost_and_every_answer_comes_from_a_live_version() throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            Deployer deployer = registry.deployer();
            List<ModelRef.Numbered> versions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                versions.add(Fixtures.constantOwnNumber(registry, "m"));
            }
            int openedBefore = LinearTestCodec.OPENED.get();
            int releasedBefore = LinearTestCodec.RELEASED.get();
            deployer.deploy(versions.get(0), "production", DeploymentSpec.replace());
            Endpoint endpoint = deployer.endpoint("production");

            Map<Integer, Set<Integer>> allowed = new ConcurrentHashMap<>();
            AtomicInteger epoch = new AtomicInteger();
            allowed.put(0, Set.of(1));
            AtomicBoolean stop = new AtomicBoolean();
            LongAdder started = new LongAdder();
            LongAdder completed = new LongAdder();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch running = new CountDownLatch(8);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    running.countDown();
                    while (!stop.get()) {
                        String key = "key-" + ThreadLocalRandom.current().nextInt(100_000);
                        int before = epoch.get();
                        started.increment();
                        try {
                            Prediction p = endpoint.serve(ROW, key);
                            int after = epoch.get();
                            completed.increment();
                            int version = p.version().version();
                            if (p.value() != version) {
                                failures.add("answer " + p.value() + " from " + p.version());
                            }
                            boolean live = false;
                            for (int e = before; e <= after && !live; e++) {
                                live = allowed.get(e).contains(version);
                            }
                            if (!live) {
                                failures.add("version " + version + " answered between epochs " + before + " and "
                                        + after + " " + allowed);
                            }
                        } catch (RuntimeException e) {
                            failures.add("request failed: " + e);
                        }
                    }
                }, "predictor-" + t);
                threads.add(thread);
                thread.start();
            }
            assertThat(running.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("predictor threads started").isTrue();

            Set<Integer> live = Set.of(1);
            int stable = 1;
            int cycles = 50;
            for (int cycle = 0; cycle < cycles; cycle++) {
                int canary = stable % 4 + 1;
                int replacement = canary % 4 + 1;
                live = act(epoch, allowed, live, Set.of(stable, canary), completed,
                        () -> deployer.deploy(versions.get(canary - 1), "production", DeploymentSpec.canary(50)));
                live = act(epoch, allowed, live, Set.of(canary), completed, () -> deployer.promote("production"));
                live = act(epoch, allowed, live, Set.of(stable), completed,
                        () -> deployer.rollback("production", "cycle"));
                live = act(epoch, allowed, live, Set.of(replacement), completed,
                        () -> deployer.deploy(versions.get(replacement - 1), "production", DeploymentSpec.replace()));
                assertThat(servingVersions(deployer)).isEqualTo(live);
                stable = replacement;
            }
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                assertThat(thread.isAlive()).as("%s still runs after stop", thread.getName()).isFalse();
            }

            assertThat(failures).as("failed or wrong requests").isEmpty();
            assertThat(completed.sum()).as("every started request completed").isEqualTo(started.sum());
            assertThat(completed.sum()).isGreaterThan(cycles * 4 * 100L);
            // Endpoints share the cache's copies: each version was decoded once, however often it was deployed
            // again, and none was released while in use (a released test model refuses to predict, which
            // would have shown up as a failed request).
            assertThat(LinearTestCodec.OPENED.get() - openedBefore).isEqualTo(versions.size());
            assertThat(LinearTestCodec.RELEASED.get() - releasedBefore).isZero();
            assertThat(registry.cacheStats().entries()).isEqualTo(versions.size());
        }
    }

    /** Publishes the transition epoch, acts, checks the result, publishes the new epoch, lets traffic flow. */
    private static Set<Integer> act(AtomicInteger epoch, Map<Integer, Set<Integer>> allowed, Set<Integer> before,
            Set<Integer> after, LongAdder completed, Runnable action) {
        Set<Integer> both = new TreeSet<>(before);
        both.addAll(after);
        int transition = epoch.get() + 1;
        allowed.put(transition, both);
        epoch.set(transition);
        action.run();
        allowed.put(transition + 1, after);
        epoch.set(transition + 1);
        long seen = completed.sum();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (completed.sum() < seen + 100) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("traffic stalled: fewer than 100 requests in " + WAIT_SECONDS + " s");
            }
            Thread.onSpinWait();
        }
        return after;
    }

    private static Set<Integer> servingVersions(Deployer deployer) {
        Set<Integer> out = new HashSet<>();
        for (Deployment d : deployer.deployments("production")) {
            out.add(d.version().version());
        }
        return out;
    }
}
