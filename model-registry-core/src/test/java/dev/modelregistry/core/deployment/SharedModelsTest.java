package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints and callers of {@code load()} share the cache's copy of a model, and a copy is released only once
 * nobody holds it: not by an eviction under an endpoint that serves it, nor under a caller still holding what
 * {@code load()} returned. {@link LinearTestCodec} counts decodes and releases, and a released test model
 * refuses to predict.
 */
class SharedModelsTest {
    private static final double[] ROW = {0, 0, 0, 0, 0};
    /** Room for one test model (each weighs 64 bytes). */
    private static final long ONE_MODEL = 100;
    /** Room for none: every model is evicted as soon as it was put into the cache. */
    private static final long NO_MODEL = 10;

    @TempDir
    Path dir;

    @Test
    void endpoints_and_loads_of_a_version_share_one_decoded_copy() {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            ModelRef.Numbered v1 = Fixtures.constantOwnNumber(registry, "m");
            int opened = LinearTestCodec.OPENED.get();
            Deployer deployer = registry.deployer();
            deployer.deploy(v1, "production", DeploymentSpec.replace());
            deployer.deploy(v1, "staging", DeploymentSpec.replace());
            assertThat(deployer.endpoint("production").predict(ROW, "k")).isEqualTo(1.0);
            assertThat(deployer.endpoint("staging").predict(ROW, "k")).isEqualTo(1.0);
            LoadedModel loaded = registry.models().load(v1);
            assertThat(registry.models().load(ModelRef.parse("m")).predictor().orElseThrow().predict(ROW))
                    .isEqualTo(1.0);

            assertThat(LinearTestCodec.OPENED.get() - opened).as("decodes").isEqualTo(1);
            assertThat(registry.models().load(v1)).as("the same view while it is held").isSameAs(loaded);
        }
    }

    @Test
    void an_eviction_never_frees_a_model_an_endpoint_serves_and_a_new_load_takes_it_back() {
        try (ModelRegistry registry = ModelRegistry.builder(dir).cacheMaxBytes(NO_MODEL).open()) {
            List<ModelRef.Numbered> versions = versions(registry, 6);
            Deployer deployer = registry.deployer();
            deployer.deploy(versions.get(0), "production", DeploymentSpec.replace());
            Endpoint endpoint = deployer.endpoint("production");
            int opened = LinearTestCodec.OPENED.get();

            for (ModelRef.Numbered v : versions.subList(1, versions.size())) {
                registry.models().load(v);
            }
            assertThat(registry.cacheStats().evictions()).isGreaterThanOrEqualTo(6);
            assertThat(registry.cacheStats().entries()).isZero();
            assertThat(endpoint.predict(ROW, "k")).as("still served after its eviction").isEqualTo(1.0);

            int openedBefore = LinearTestCodec.OPENED.get();
            assertThat(registry.models().load(versions.get(0)).predictor().orElseThrow().predict(ROW))
                    .isEqualTo(1.0);
            assertThat(LinearTestCodec.OPENED.get()).as("taken back, not decoded again").isEqualTo(openedBefore);
            assertThat(LinearTestCodec.OPENED.get() - opened).isEqualTo(5);
        }
    }

    @Test
    void a_model_from_load_stays_usable_after_eviction_and_close_and_is_released_once_unreachable()
            throws InterruptedException {
        Set<LoadedModel> liveBefore = LinearTestCodec.liveModels();
        int opened = LinearTestCodec.OPENED.get();
        LoadedModel held;
        Predictor heldPredictor;
        ModelRegistry registry = ModelRegistry.builder(dir).cacheMaxBytes(NO_MODEL).open();
        try {
            List<ModelRef.Numbered> versions = versions(registry, 4);
            held = registry.models().load(versions.get(0));
            heldPredictor = registry.models().load(versions.get(1)).predictor().orElseThrow();
            for (ModelRef.Numbered v : versions.subList(2, versions.size())) {
                registry.models().load(v);
            }
            assertThat(registry.cacheStats().entries()).isZero();
        } finally {
            registry.close();
        }

        assertThat(held.predictor().orElseThrow().predict(ROW)).as("after eviction and close").isEqualTo(1.0);
        assertThat(held.unwrap(LinearTestCodec.Model.class).predict(ROW)).isEqualTo(1.0);
        assertThat(heldPredictor.predict(ROW)).as("a predictor alone keeps its model").isEqualTo(2.0);

        held = null;
        heldPredictor = null;
        assertThat(LinearTestCodec.OPENED.get() - opened).isEqualTo(4);
        assertThat(liveOnceUnreachable(liveBefore)).as("copies not released after GC").isEmpty();
    }

    @Test
    void a_model_renamed_away_and_registered_again_under_its_name_with_the_same_bytes_is_decoded_anew()
            throws InterruptedException {
        try (ModelRegistry registry = ModelRegistry.builder(dir).cacheMaxBytes(NO_MODEL).open()) {
            ModelRef.Numbered v1 = Fixtures.constantOwnNumber(registry, "m");
            LoadedModel old = registry.models().load(v1);
            registry.versions().renameModel("m", "archived");
            Thread.sleep(5); // a later creation time than the first incarnation's
            ModelRef.Numbered again = Fixtures.constantOwnNumber(registry, "m");
            assertThat(again).as("same name, number and bytes").isEqualTo(v1);

            LoadedModel fresh = registry.models().load(again);
            assertThat(fresh.version().createdAt()).as("the new incarnation's metadata")
                    .isEqualTo(registry.versions().get(again).createdAt())
                    .isNotEqualTo(old.version().createdAt());
            assertThat(old.predictor().orElseThrow().predict(ROW)).isEqualTo(1.0);
        }
    }

    @Test
    @Timeout(120)
    void concurrent_loads_evictions_and_redeployments_never_use_a_released_model() throws Exception {
        Set<LoadedModel> liveBefore = LinearTestCodec.liveModels();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (ModelRegistry registry = ModelRegistry.builder(dir).cacheMaxBytes(2 * ONE_MODEL).open()) {
            List<ModelRef.Numbered> versions = versions(registry, 8);
            Deployer deployer = registry.deployer();
            deployer.deploy(versions.get(0), "production", DeploymentSpec.replace());
            Endpoint endpoint = deployer.endpoint("production");
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                threads.add(new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    try {
                        for (int i = 0; i < 3_000; i++) {
                            ModelRef.Numbered v = versions.get(random.nextInt(versions.size()));
                            Predictor p = registry.models().load(v).predictor().orElseThrow();
                            assertThat(p.predict(ROW)).isEqualTo(v.version());
                            assertThat(endpoint.predict(ROW, "k" + i)).isBetween(1.0, 8.0);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "loader-" + t));
            }
            threads.forEach(Thread::start);
            SplittableRandom random = new SplittableRandom(99);
            for (int i = 0; i < 40; i++) {
                deployer.deploy(versions.get(random.nextInt(versions.size())), "production",
                        DeploymentSpec.replace());
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(100));
            }
            assertThat(threads).noneMatch(Thread::isAlive);
        }
        assertThat(failures).as("failures, such as predicting on a released model").isEmpty();
        assertThat(liveOnceUnreachable(liveBefore)).as("copies not released after GC").isEmpty();
    }

    private static List<ModelRef.Numbered> versions(ModelRegistry registry, int count) {
        List<ModelRef.Numbered> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Fixtures.constantOwnNumber(registry, "m"));
        }
        return out;
    }

    /**
     * Collects garbage until every model decoded since {@code liveBefore} was taken was released, or 20 s
     * passed; those still not released.
     */
    private static Set<LoadedModel> liveOnceUnreachable(Set<LoadedModel> liveBefore) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Set<LoadedModel> live = new HashSet<>(LinearTestCodec.liveModels());
        live.removeAll(liveBefore);
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            live.retainAll(LinearTestCodec.liveModels());
        }
        return live;
    }
}
