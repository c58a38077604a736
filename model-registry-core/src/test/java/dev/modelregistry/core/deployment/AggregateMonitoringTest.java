package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.monitoring.AggregateMetrics;
import dev.modelregistry.api.monitoring.HostMetrics;
import dev.modelregistry.api.monitoring.LatencyBuckets;
import dev.modelregistry.api.monitoring.VersionMetrics;
import dev.modelregistry.api.monitoring.VersionTotals;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring counters stay per registry process, and {@code Monitoring.aggregate} adds them up across every
 * process sharing the database: two registries on one directory (as two processes open it) and two hosts on
 * one PostgreSQL database, each serving a known number of requests to one environment.
 */
class AggregateMonitoringTest {
    static final String ENV = "production";

    @TempDir
    Path dir;

    @Test
    void two_registries_on_one_directory_add_up_to_the_sum_of_their_own_counts() {
        try (TwoHosts two = TwoHosts.onOneDirectory(dir)) {
            sumsTheHosts(two.a(), two.b());
        }
    }

    @Test
    void two_hosts_on_one_postgresql_database_add_up_to_the_sum_of_their_own_counts() {
        try (TwoHosts two = TwoHosts.onPostgres(dir)) {
            sumsTheHosts(two.a(), two.b());
        }
    }

    @Test
    void a_closed_hosts_last_counts_remain_in_the_sum_with_their_age() {
        MonitoringTest.MutableClock clock = new MonitoringTest.MutableClock();
        Path shared = dir.resolve("shared");
        try (ModelRegistry a = ModelRegistry.builder(shared).clock(clock).open()) {
            ModelRef.Numbered v = Fixtures.linear(a, "m", 1.0, 0, 0);
            a.deployer().deploy(v, ENV, DeploymentSpec.replace());
            String closedHost;
            try (ModelRegistry b = ModelRegistry.builder(shared).clock(clock).open()) {
                serve(b.deployer().endpoint(ENV), 25);
                closedHost = single(b.monitoring().aggregate(ENV).hosts()).hostId();
            }
            clock.advance(Duration.ofMinutes(5));
            serve(a.deployer().endpoint(ENV), 10);

            AggregateMetrics all = a.monitoring().aggregate(ENV);
            assertThat(all.versions()).singleElement().satisfies(t -> assertThat(t.requests()).isEqualTo(35));
            assertThat(all.hosts()).hasSize(2);
            HostMetrics closed = all.hosts().stream().filter(h -> h.hostId().equals(closedHost)).findFirst()
                    .orElseThrow();
            assertThat(closed.closedAt()).as("written on close").isPresent();
            assertThat(closed.age()).as("taken when it closed, five minutes ago").isEqualTo(Duration.ofMinutes(5));
            assertThat(closed.versions()).singleElement().satisfies(t -> assertThat(t.requests()).isEqualTo(25));
            HostMetrics open = all.hosts().stream().filter(h -> !h.hostId().equals(closedHost)).findFirst()
                    .orElseThrow();
            assertThat(open.closedAt()).isEmpty();
            assertThat(open.age()).as("this host writes its counts before reading").isZero();
        }
    }

    @Test
    void another_hosts_counts_arrive_on_their_own_within_a_few_seconds() {
        try (TwoHosts two = TwoHosts.onOneDirectory(dir)) {
            ModelRegistry a = two.a();
            ModelRegistry b = two.b();
            ModelRef.Numbered v = Fixtures.linear(a, "m", 1.0, 0, 0);
            a.deployer().deploy(v, ENV, DeploymentSpec.replace());
            serve(b.deployer().endpoint(ENV), 30);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long seen = 0;
            while (seen != 30 && System.nanoTime() < deadline) {
                // a never serves, so whatever a reads was written by b's scheduled write
                seen = a.monitoring().aggregate(ENV).versions().stream().mapToLong(VersionTotals::requests).sum();
                pause();
            }
            assertThat(seen).as("b's 30 requests, written by its scheduler every second").isEqualTo(30);
        }
    }

    /** a serves 40 requests and b 60, every fourth failing; the aggregate is the sum of their snapshots. */
    private static void sumsTheHosts(ModelRegistry a, ModelRegistry b) {
        ModelRef.Numbered v = Fixtures.linear(a, "m", 1.0, 0, 4);
        a.deployer().deploy(v, ENV, DeploymentSpec.replace());
        serve(a.deployer().endpoint(ENV), 40);
        serve(b.deployer().endpoint(ENV), 60);
        VersionMetrics onA = single(a.monitoring().snapshot(ENV));
        VersionMetrics onB = single(b.monitoring().snapshot(ENV));
        assertThat(onA.requests()).isEqualTo(40);
        assertThat(onB.requests()).isEqualTo(60);

        b.monitoring().aggregate(ENV); // b writes its current counts
        AggregateMetrics all = a.monitoring().aggregate(ENV);

        assertThat(all.environment()).isEqualTo(ENV);
        VersionTotals sum = single(all.versions());
        assertThat(sum.version()).isEqualTo(v);
        assertThat(sum.requests()).isEqualTo(100);
        assertThat(sum.errors()).isEqualTo(onA.errors() + onB.errors()).isPositive();
        assertThat(sum.errorRate()).isEqualTo((onA.errors() + onB.errors()) / 100.0);
        assertThat(sum.latencyBuckets()).hasSize(LatencyBuckets.COUNT);
        assertThat(sum.latencyBuckets().stream().mapToLong(Long::longValue).sum()).as("every request timed")
                .isEqualTo(100);
        assertThat(sum.latencyP50UpperMillis()).as("a bucket bound")
                .isIn(LatencyBuckets.UPPER_BOUNDS_MILLIS.toArray());
        assertThat(sum.latencyP99UpperMillis()).isGreaterThanOrEqualTo(sum.latencyP95UpperMillis())
                .isGreaterThanOrEqualTo(sum.latencyP50UpperMillis());

        assertThat(all.hosts()).hasSize(2);
        assertThat(all.hosts()).extracting(HostMetrics::hostId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches(".+/\\d+/[0-9a-f]{8}"));
        assertThat(all.hosts()).extracting(h -> single(h.versions()).requests()).containsExactlyInAnyOrder(40L, 60L);
        assertThat(all.hosts()).allSatisfy(h -> {
            assertThat(h.closedAt()).isEmpty();
            assertThat(h.age()).isLessThan(Duration.ofSeconds(30));
        });
        assertThat(b.monitoring().aggregate(ENV).versions()).as("the same sum read from the other host")
                .singleElement().satisfies(t -> assertThat(t.requests()).isEqualTo(100));
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static void serve(Endpoint endpoint, int n) {
        double[] row = new double[Fixtures.FEATURES.size()];
        for (int i = 0; i < n; i++) {
            try {
                endpoint.predict(row, "k" + i);
            } catch (IllegalStateException expected) {
                // the flaky test model's deliberate failures
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
