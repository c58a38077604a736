package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.Prediction;
import dev.modelregistry.api.deployment.Routing;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sticky and random routing between a stable version and a canary, with real trained models. */
class RoutingTest {
    private static final int KEYS = 100_000;

    @TempDir
    Path dir;
    ModelRegistry registry;
    ModelRef.Numbered stable;
    ModelRef.Numbered canary;

    @BeforeEach
    void open() {
        registry = ModelRegistry.open(dir);
        stable = Fixtures.trained(registry, "spx-next-day", 1);
        canary = Fixtures.trained(registry, "spx-next-day", 2);
        registry.deployer().deploy(stable, "production", DeploymentSpec.replace());
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void a_ten_percent_canary_gets_ten_percent_of_100000_keys_each_key_always_the_same_and_ramping_keeps_them() {
        registry.deployer().deploy(canary, "production", DeploymentSpec.canary(10));
        Endpoint endpoint = registry.deployer().endpoint("production");

        Set<String> onCanary = canaryKeys(endpoint);
        assertThat(onCanary.size() / (double) KEYS).isBetween(0.095, 0.105);
        assertThat(canaryKeys(endpoint)).as("the same keys on a second pass").isEqualTo(onCanary);

        registry.deployer().setCanaryWeight("production", 25);
        Set<String> at25 = canaryKeys(endpoint);
        assertThat(at25.size() / (double) KEYS).isBetween(0.245, 0.255);
        assertThat(at25).as("every key already on the canary stays there").containsAll(onCanary);
    }

    @Test
    void predictions_come_from_the_version_routing_names_and_match_that_model() {
        registry.deployer().deploy(canary, "production", DeploymentSpec.canary(30));
        Endpoint endpoint = registry.deployer().endpoint("production");
        double[][] rows = Fixtures.rows(200, new SplittableRandom(5), 0);
        var stableModel = registry.models().load(stable).predictor().orElseThrow();
        var canaryModel = registry.models().load(canary).predictor().orElseThrow();
        int toCanary = 0;
        for (int i = 0; i < rows.length; i++) {
            String key = "AAPL-" + i;
            Prediction p = endpoint.serve(rows[i], key);
            assertThat(p.version()).isEqualTo(endpoint.route(key));
            assertThat(p.canary()).isEqualTo(p.version().equals(canary));
            double expected = (p.canary() ? canaryModel : stableModel).predict(rows[i]);
            assertThat(p.value()).isEqualTo(expected);
            toCanary += p.canary() ? 1 : 0;
        }
        assertThat(toCanary).isBetween(1, rows.length - 1);
        double[] batch = endpoint.predictBatch(rows, keys(rows.length));
        for (int i = 0; i < rows.length; i++) {
            assertThat(batch[i]).isEqualTo(endpoint.predict(rows[i], "AAPL-" + i));
        }
    }

    @Test
    void random_routing_splits_by_weight_without_stickiness() {
        registry.deployer().deploy(canary, "production", DeploymentSpec.canary(20).withRouting(Routing.RANDOM));
        Endpoint endpoint = registry.deployer().endpoint("production");
        double[] row = {0.1, 0.2, 0.3, 0.4, 0.5};
        int toCanary = 0;
        for (int i = 0; i < 20_000; i++) {
            toCanary += endpoint.serve(row, "same-key").canary() ? 1 : 0;
        }
        // 20 % of 20,000: the standard deviation is about 57, so +-600 is more than ten of them.
        assertThat(toCanary).isBetween(3_400, 4_600);
    }

    @Test
    void the_bucket_of_a_key_is_part_of_the_contract_and_spreads_evenly() {
        // Pinned: changing the hash would move every sticky key after an upgrade.
        List<Integer> pinned = List.of(RoutingTable.bucket("production", "AAPL"),
                RoutingTable.bucket("production", "MSFT"), RoutingTable.bucket("staging", "AAPL"));
        assertThat(pinned).containsExactly(PINNED_AAPL, PINNED_MSFT, PINNED_STAGING_AAPL);
        int[] deciles = new int[10];
        for (int i = 0; i < KEYS; i++) {
            deciles[RoutingTable.bucket("production", "key-" + i) / 1_000]++;
        }
        for (int count : deciles) {
            assertThat(count).isBetween(9_500, 10_500);
        }
    }

    private static final int PINNED_AAPL = 5758;
    private static final int PINNED_MSFT = 1740;
    private static final int PINNED_STAGING_AAPL = 9490;

    private Set<String> canaryKeys(Endpoint endpoint) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < KEYS; i++) {
            String key = "key-" + i;
            if (endpoint.route(key).equals(canary)) {
                out.add(key);
            }
        }
        return out;
    }

    private static String[] keys(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("AAPL-" + i);
        }
        return out.toArray(String[]::new);
    }
}
