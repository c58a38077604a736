package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry follows deployment changes made elsewhere only once it serves: until its first endpoint
 * exists, its follow schedule asks the database nothing, and from then on it asks every period.
 */
class FollowingStartsWithAnEndpointTest {
    private static final Duration PERIOD = Duration.ofMillis(10);

    @TempDir
    Path dir;

    @Test
    void a_registry_without_an_endpoint_never_polls_and_its_first_endpoint_starts_the_polls() throws Exception {
        try (ModelRegistry registry = ModelRegistry.builder(dir.resolve("r")).followDeploymentsEvery(PERIOD)
                .open()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            registry.database().onStatement(seen::add);
            Thread.sleep(50 * PERIOD.toMillis());
            assertThat(seen).as("statements of a registry that serves nothing").noneMatch(s ->
                    s.contains("deployment_event"));

            registry.deployer().endpoint("staging");
            long start = System.nanoTime();
            while (seen.stream().noneMatch(s -> s.contains("deployment_event"))) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to the first poll")
                        .isLessThan(Duration.ofSeconds(5));
                Thread.sleep(PERIOD.toMillis());
            }
            registry.database().onStatement(s -> { });
        }
    }
}
