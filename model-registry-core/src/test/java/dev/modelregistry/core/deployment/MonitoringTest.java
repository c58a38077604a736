package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.AlertListener;
import dev.modelregistry.api.monitoring.AlertRules;
import dev.modelregistry.api.monitoring.DriftReport;
import dev.modelregistry.api.monitoring.FeatureDrift;
import dev.modelregistry.api.monitoring.Monitoring;
import dev.modelregistry.api.monitoring.Severity;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.micrometer.MicrometerServingMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots, drift against the training reference, alerts with de-duplication, and Micrometer, through the
 * registry. The alert rules themselves are tested with plain values in {@link AlertJudgeTest}.
 */
@Timeout(120) // the drift test serves 50,000 requests; the latency test's model sleeps 5 ms a request
class MonitoringTest {
    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-05T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Nested
    class Drift {
        @Test
        void inputs_from_the_training_distribution_raise_no_drift_alert_in_100_windows_and_a_shift_raises_one() {
            try (ModelRegistry registry = ModelRegistry.builder(dir).monitoringWindow(500).open()) {
                ModelRef.Numbered v = Fixtures.trained(registry, "spx", 1);
                registry.deployer().deploy(v, "production", DeploymentSpec.replace());
                Monitoring monitoring = registry.monitoring();
                SplittableRandom random = new SplittableRandom(2026);
                monitoring.setReference(v, Fixtures.rows(2_000, random, 0), Fixtures.FEATURES);
                List<Alert> heard = new CopyOnWriteArrayList<>();
                monitoring.addListener(heard::add);
                Endpoint endpoint = registry.deployer().endpoint("production");

                List<Alert> raised = new ArrayList<>();
                for (int window = 0; window < 100; window++) {
                    for (double[] row : Fixtures.rows(500, random, 0)) {
                        endpoint.predict(row, null);
                    }
                    raised.addAll(monitoring.check("production"));
                    if (window == 99) {
                        List<DriftReport> reports = monitoring.drift("production");
                        assertThat(reports).singleElement().satisfies(r -> {
                            assertThat(r.features()).hasSize(5).allSatisfy(f -> {
                                assertThat(f.band()).isEqualTo(FeatureDrift.Band.STABLE);
                                assertThat(f.sampleSize()).isEqualTo(500);
                            });
                            assertThat(r.prediction()).isPresent();
                        });
                    }
                }
                assertThat(raised).filteredOn(a -> a.rule().endsWith("drift")).isEmpty();
                assertThat(heard).filteredOn(a -> a.rule().endsWith("drift")).isEmpty();

                for (double[] row : Fixtures.rows(500, random, 0.8)) {
                    endpoint.predict(row, null);
                }
                List<Alert> shifted = monitoring.check("production");
                assertThat(shifted).filteredOn(a -> a.rule().equals("feature-drift")).singleElement()
                        .satisfies(a -> {
                            assertThat(a.subject()).isEqualTo("x0");
                            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
                            assertThat(a.observed()).isGreaterThanOrEqualTo(0.25);
                            assertThat(a.threshold()).isEqualTo(0.25);
                            assertThat(a.version()).isEqualTo(v);
                            assertThat(a.environment()).isEqualTo("production");
                        });
                assertThat(shifted).anySatisfy(a -> assertThat(a.rule()).isEqualTo("prediction-drift"));
                assertThat(heard).containsAll(shifted);
            }
        }

        @Test
        void psi_uses_the_conventional_bands_and_ks_sees_a_shift() {
            SplittableRandom random = new SplittableRandom(1);
            double[] reference = random.doubles(5_000).toArray();
            double[] same = random.doubles(5_000).toArray();
            double[] shifted = random.doubles(5_000).map(x -> x * 0.8 + 0.3).toArray();
            assertThat(dev.modelregistry.core.deployment.Drift.psi(reference, same)).isLessThan(0.1);
            assertThat(dev.modelregistry.core.deployment.Drift.psi(reference, shifted)).isGreaterThan(0.25);
            assertThat(dev.modelregistry.core.deployment.Drift.ks(reference, same)[1]).isGreaterThan(0.01);
            assertThat(dev.modelregistry.core.deployment.Drift.ks(reference, shifted)[1]).isLessThan(1e-6);
            assertThat(FeatureDrift.Band.of(0.05, 0.1, 0.25)).isEqualTo(FeatureDrift.Band.STABLE);
            assertThat(FeatureDrift.Band.of(0.1, 0.1, 0.25)).isEqualTo(FeatureDrift.Band.MODERATE);
            assertThat(FeatureDrift.Band.of(0.25, 0.1, 0.25)).isEqualTo(FeatureDrift.Band.SIGNIFICANT);
        }
    }

    @Nested
    class Alerts {
        @Test
        void an_error_rate_alert_is_not_repeated_within_the_cool_down_and_is_repeated_after_it() {
            MutableClock clock = new MutableClock();
            try (ModelRegistry registry = ModelRegistry.builder(dir).clock(clock).open()) {
                ModelRef.Numbered flaky = Fixtures.linear(registry, "m", 0, 1, 5);
                registry.deployer().deploy(flaky, "production", DeploymentSpec.replace());
                Monitoring monitoring = registry.monitoring();
                monitoring.setRules(AlertRules.defaults().withMinRequests(100).withCooldown(Duration.ofMinutes(10)));
                List<Alert> heard = new CopyOnWriteArrayList<>();
                AlertListener listener = heard::add;
                monitoring.addListener(listener);
                monitoring.addListener(listener); // idempotent
                monitoring.addListener(a -> {
                    throw new IllegalStateException("a broken listener does not stop the others");
                });
                Endpoint endpoint = registry.deployer().endpoint("production");
                serve(endpoint, 500);

                assertThat(errorRate(monitoring.check("production"))).singleElement().satisfies(a -> {
                    assertThat(a.rule()).isEqualTo("error-rate");
                    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(a.observed()).isEqualTo(0.2);
                    assertThat(a.threshold()).isEqualTo(0.05);
                    assertThat(a.at()).isEqualTo(clock.instant());
                });
                clock.advance(Duration.ofMinutes(9));
                assertThat(errorRate(monitoring.check("production"))).as("within the cool-down").isEmpty();
                clock.advance(Duration.ofMinutes(1));
                assertThat(errorRate(monitoring.check("production"))).as("after the cool-down").hasSize(1);
                assertThat(errorRate(heard)).hasSize(2);
            }
        }

        @Test
        void a_model_that_becomes_much_slower_than_its_baseline_raises_a_latency_anomaly() {
            try (ModelRegistry registry = ModelRegistry.builder(dir).monitoringWindow(50).open()) {
                registry.deployer().deploy(Fixtures.linear(registry, "m", 1, 0, 0), "production",
                        DeploymentSpec.replace());
                Monitoring monitoring = registry.monitoring();
                monitoring.setRules(AlertRules.defaults().withMinRequests(50));
                Endpoint endpoint = registry.deployer().endpoint("production");
                serve(endpoint, 2_000); // warm: the window keeps the last 50, all fast
                assertThat(monitoring.check("production")).as("the first check sets the baseline").isEmpty();
                try {
                    LinearTestCodec.extraSleepMillis = 5;
                    serve(endpoint, 50);
                } finally {
                    LinearTestCodec.extraSleepMillis = 0;
                }
                assertThat(monitoring.check("production")).singleElement().satisfies(a -> {
                    assertThat(a.rule()).isEqualTo("latency-anomaly");
                    assertThat(a.severity()).isEqualTo(Severity.WARNING);
                    assertThat(a.observed()).isGreaterThanOrEqualTo(5.0);
                });
            }
        }

        @Test
        void scheduled_checks_evaluate_the_alert_rules_on_the_given_scheduler_and_clock() {
            MutableClock clock = new MutableClock();
            ManualScheduler scheduler = new ManualScheduler();
            try (ModelRegistry registry = ModelRegistry.builder(dir).clock(clock).scheduler(scheduler).open()) {
                registry.deployer().deploy(Fixtures.linear(registry, "m", 0, 1, 5), "production",
                        DeploymentSpec.replace());
                Monitoring monitoring = registry.monitoring();
                monitoring.setRules(AlertRules.defaults().withMinRequests(100));
                List<Alert> heard = new ArrayList<>();
                monitoring.addListener(heard::add);
                serve(registry.deployer().endpoint("production"), 500);
                registry.deployer().scheduleChecks(Duration.ofMinutes(1));

                scheduler.advance(Duration.ofSeconds(59));
                assertThat(heard).as("no check before its time").isEmpty();
                scheduler.advance(Duration.ofSeconds(1));
                assertThat(errorRate(heard)).singleElement()
                        .satisfies(a -> assertThat(a.at()).isEqualTo(clock.instant()));
                clock.advance(Duration.ofMinutes(2));
                scheduler.advance(Duration.ofMinutes(2));
                assertThat(errorRate(heard)).as("two more checks, within the 15-minute cool-down").hasSize(1);
            }
        }

        @Test
        void the_snapshot_counts_requests_and_errors_and_describes_the_predictions() {
            try (ModelRegistry registry = ModelRegistry.open(dir)) {
                registry.deployer().deploy(Fixtures.linear(registry, "m", 7, 0, 4), "production",
                        DeploymentSpec.replace());
                serve(registry.deployer().endpoint("production"), 400);
                assertThat(registry.monitoring().snapshot("production")).singleElement().satisfies(m -> {
                    assertThat(m.requests()).isEqualTo(400);
                    assertThat(m.errors()).isEqualTo(100);
                    assertThat(m.errorRate()).isEqualTo(0.25);
                    assertThat(m.predictionMean()).isEqualTo(7.0);
                    assertThat(m.predictionStdDev()).isZero();
                    assertThat(m.predictionP50()).isEqualTo(7.0);
                    assertThat(m.latencyP50Millis()).isPositive();
                    assertThat(m.latencyP99Millis()).isGreaterThanOrEqualTo(m.latencyP95Millis())
                            .isGreaterThanOrEqualTo(m.latencyP50Millis());
                });
            }
        }

        private List<Alert> errorRate(List<Alert> alerts) {
            return alerts.stream().filter(a -> a.rule().equals("error-rate")).toList();
        }

        private void serve(Endpoint endpoint, int n) {
            double[] row = {0.1, 0.2, 0.3, 0.4, 0.5};
            for (int i = 0; i < n; i++) {
                try {
                    endpoint.predict(row, "k" + i);
                } catch (IllegalStateException expected) {
                    // the flaky test model's deliberate failures
                }
            }
        }
    }

    @Nested
    class Micrometer {
        @Test
        void requests_errors_latency_and_predictions_are_bound_to_the_meter_registry_by_environment_and_version() {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (ModelRegistry registry = ModelRegistry.builder(dir)
                    .servingMetrics(new MicrometerServingMetrics(meters)).open()) {
                ModelRef.Numbered v = Fixtures.linear(registry, "m", 3, 0, 5);
                registry.deployer().deploy(v, "production", DeploymentSpec.replace());
                Endpoint endpoint = registry.deployer().endpoint("production");
                for (int i = 0; i < 50; i++) {
                    try {
                        endpoint.predict(new double[] {1}, "k" + i);
                    } catch (IllegalStateException expected) {
                        // deliberate
                    }
                }
                assertThat(meters.get(MicrometerServingMetrics.REQUESTS).tags("environment", "production", "version",
                        "m/1", "outcome", "success").counter().count()).isEqualTo(40);
                assertThat(meters.get(MicrometerServingMetrics.REQUESTS).tags("outcome", "error").counter().count())
                        .isEqualTo(10);
                assertThat(meters.get(MicrometerServingMetrics.LATENCY).tags("version", "m/1").timer().count())
                        .isEqualTo(50);
                assertThat(meters.get(MicrometerServingMetrics.PREDICTION).summary().mean()).isEqualTo(3.0);
            }
        }
    }
}
