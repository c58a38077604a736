package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.Prediction;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.LiveAccuracy;
import dev.modelregistry.api.monitoring.RequestNotFoundException;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import dev.modelregistry.core.evaluation.EvaluationReports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request ids, outcomes and live accuracy through a registry on a real SQLite file: durability across a
 * reopen, equality with the offline evaluation, retention, bad ids, concurrency, canary analysis on live
 * accuracy and the decay alerts. The models are test-linear ({@code intercept + slope * x} on one feature),
 * so each test decides exactly how right a model is.
 */
@Timeout(120)
class LiveAccuracyTest {
    private static final String ENV = "live"; // not guarded by the evaluation gate
    private static final double NOISE = 0.5;

    @TempDir
    Path dir;
    final MonitoringTest.MutableClock clock = new MonitoringTest.MutableClock();
    final ManualScheduler scheduler = new ManualScheduler();

    /** The registry's builder: on {@link #dir} here, on PostgreSQL in {@link PostgresLiveAccuracyTest}. */
    ModelRegistry.Builder builder() {
        return ModelRegistry.builder(dir);
    }

    private ModelRegistry open() {
        return builder().clock(clock).scheduler(scheduler).open();
    }

    /** One served request: its prediction, the feature and the outcome the world will report. */
    private record Served(Prediction prediction, double x, double actual) {
    }

    /** Serves {@code n} rows x ~ U(-1, 1); the outcome is {@code truthSlope * x + noise}. */
    private static List<Served> traffic(Endpoint endpoint, int n, SplittableRandom random, double truthSlope) {
        List<Served> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = random.nextDouble(-1, 1);
            Prediction p = endpoint.serve(new double[] {x}, "key-" + random.nextInt());
            out.add(new Served(p, x, truthSlope * x + NOISE * random.nextGaussian()));
        }
        return out;
    }

    private static void recordAll(ModelRegistry registry, List<Served> served) {
        for (Served s : served) {
            assertThat(registry.monitoring().recordOutcome(s.prediction().requestId(), s.actual())).isTrue();
        }
    }

    private static ModelRef.Numbered deployLinear(ModelRegistry registry, double slope) {
        ModelRef.Numbered v = Fixtures.linear(registry, "ret", 0, slope, 0);
        registry.deployer().deploy(v, ENV, DeploymentSpec.replace());
        return v;
    }

    @Test
    void every_served_prediction_carries_a_distinct_request_id_and_a_batch_gets_one_per_row() {
        try (ModelRegistry registry = open()) {
            deployLinear(registry, 1);
            Endpoint endpoint = registry.deployer().endpoint(ENV);
            List<Prediction> batch = endpoint.serveBatch(new double[][] {{0.1}, {0.2}, {0.3}}, new String[] {"a", null, "c"});
            assertThat(batch).extracting(Prediction::value).containsExactly(0.1, 0.2, 0.3);
            Set<String> ids = new HashSet<>();
            batch.forEach(p -> ids.add(p.requestId()));
            for (int i = 0; i < 1_000; i++) {
                ids.add(endpoint.serve(new double[] {i}, null).requestId());
            }
            assertThat(ids).hasSize(1_003).allSatisfy(id -> assertThat(id).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}"));
            assertThat(endpoint.predict(new double[] {0.5}, "k")).isEqualTo(0.5);
        }
    }

    @Test
    void serving_never_writes_on_the_callers_thread_and_the_scheduled_flush_keeps_the_predictions() {
        try (ModelRegistry registry = open()) {
            deployLinear(registry, 1);
            OutcomeLog log = ((DefaultDeployer) registry.deployer()).outcomeLog();
            Endpoint endpoint = registry.deployer().endpoint(ENV);
            for (int i = 0; i < 100; i++) {
                endpoint.serve(new double[] {i}, null);
            }
            endpoint.predict(new double[] {1}, null); // no id: never kept
            assertThat(log.kept()).as("nothing is written until the flush runs").isZero();
            scheduler.advance(OutcomeLog.FLUSH_DELAY);
            assertThat(log.kept()).isEqualTo(100);
        }
    }

    @Test
    void an_outcome_recorded_after_a_close_and_reopen_counts() {
        List<Served> served;
        ModelRef.Numbered v;
        try (ModelRegistry registry = open()) {
            v = deployLinear(registry, 1);
            served = traffic(registry.deployer().endpoint(ENV), 120, new SplittableRandom(1), 1);
            // closed before any flush ran: close itself writes the queued predictions
        }
        clock.advance(Duration.ofDays(1)); // the outcome arrives a day later
        try (ModelRegistry reopened = open()) {
            recordAll(reopened, served);
            List<LiveAccuracy> live = reopened.monitoring().liveAccuracy(ENV);
            assertThat(live).singleElement().satisfies(a -> {
                assertThat(a.version()).isEqualTo(v);
                assertThat(a.outcomes()).isEqualTo(120);
            });
        }
        try (ModelRegistry again = open()) {
            assertThat(again.monitoring().liveAccuracy(ENV).get(0).outcomes()).as("the outcomes are durable")
                    .isEqualTo(120);
            assertThat(again.monitoring().recordOutcome(served.get(0).prediction().requestId(),
                    served.get(0).actual())).as("the same outcome again is a no-op").isFalse();
        }
    }

    @Test
    void live_rmse_mae_hit_rate_and_ic_equal_the_offline_evaluation_of_the_same_rows() {
        try (ModelRegistry registry = open()) {
            deployLinear(registry, 0.7);
            List<Served> served = traffic(registry.deployer().endpoint(ENV), 400, new SplittableRandom(7), 1);
            recordAll(registry, served);
            LiveAccuracy live = registry.monitoring().liveAccuracy(ENV).get(0);

            double[] actual = served.stream().mapToDouble(Served::actual).toArray();
            double[] predicted = served.stream().mapToDouble(s -> s.prediction().value()).toArray();
            EvaluationReport offline = new DefaultEvaluator().evaluate(Predictions.of(actual, predicted),
                    EvaluationOptions.defaults().withDomain(MarketOptions.defaults()));
            StockMetrics market = offline.section(StockMetrics.class).orElseThrow();
            assertThat(live.outcomes()).isEqualTo(400);
            assertThat(live.rmse()).isCloseTo(offline.regression().orElseThrow().rmse(), within(1e-12));
            assertThat(live.mae()).isCloseTo(offline.regression().orElseThrow().mae(), within(1e-12));
            assertThat(live.hits()).isEqualTo(market.hitRate().hits());
            assertThat(live.trials()).isEqualTo(market.hitRate().trials());
            assertThat(live.hitRate().getAsDouble()).isCloseTo(market.hitRate().rate().getAsDouble(), within(1e-12));
            assertThat(live.hitRatePValue().getAsDouble()).isCloseTo(market.hitRate().pValue().getAsDouble(),
                    within(1e-12));
            assertThat(live.ic().getAsDouble()).isCloseTo(market.ic().mean().getAsDouble(), within(1e-12));
            assertThat(live.hitRate().getAsDouble()).as("a sane model on this data").isBetween(0.6, 0.95);
        }
    }

    @Test
    void the_window_holds_the_latest_outcomes_per_version_within_its_age() {
        try (ModelRegistry registry = open()) {
            registry.monitoring().setRules(registry.monitoring().rules().withAccuracy(
                    registry.monitoring().rules().accuracy().withWindow(50, Duration.ofDays(2))));
            deployLinear(registry, 1);
            List<Served> old = traffic(registry.deployer().endpoint(ENV), 30, new SplittableRandom(3), 1);
            clock.advance(Duration.ofDays(3));
            List<Served> recent = traffic(registry.deployer().endpoint(ENV), 80, new SplittableRandom(4), 1);
            recordAll(registry, old);
            recordAll(registry, recent);
            LiveAccuracy live = registry.monitoring().liveAccuracy(ENV).get(0);
            assertThat(live.outcomes()).isEqualTo(50);
            double[] actual = recent.subList(30, 80).stream().mapToDouble(Served::actual).toArray();
            double[] predicted = recent.subList(30, 80).stream().mapToDouble(s -> s.prediction().value()).toArray();
            assertThat(live.rmse()).isCloseTo(dev.modelregistry.core.internal.Metrics.rmse(actual, predicted),
                    within(1e-12));
        }
    }

    @Test
    void retention_deletes_the_oldest_beyond_the_row_limit_and_everything_older_than_its_age() {
        try (ModelRegistry registry = builder().clock(clock).scheduler(scheduler)
                .outcomeRetention(Duration.ofDays(7), 100).open()) {
            deployLinear(registry, 1);
            OutcomeLog log = ((DefaultDeployer) registry.deployer()).outcomeLog();
            Endpoint endpoint = registry.deployer().endpoint(ENV);
            List<Prediction> first = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                first.add(endpoint.serve(new double[] {1}, null));
            }
            clock.advance(Duration.ofSeconds(1));
            List<Prediction> later = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                later.add(endpoint.serve(new double[] {1}, null));
            }
            log.flush(); // the first flush after opening also enforces the retention
            assertThat(log.kept()).isEqualTo(100);
            assertThatThrownBy(() -> registry.monitoring().recordOutcome(first.get(0).requestId(), 1.0))
                    .isInstanceOf(RequestNotFoundException.class).hasMessageContaining("row limit");
            assertThat(registry.monitoring().recordOutcome(later.get(0).requestId(), 1.0)).isTrue();

            clock.advance(Duration.ofDays(8));
            assertThat(log.enforceRetention()).isEqualTo(100);
            assertThat(log.kept()).isZero();
            assertThatThrownBy(() -> registry.monitoring().recordOutcome(later.get(1).requestId(), 1.0))
                    .isInstanceOf(RequestNotFoundException.class).hasMessageContaining("has expired");
        }
    }

    @Test
    void bad_request_ids_non_finite_outcomes_and_conflicting_duplicates_are_refused_with_specific_exceptions() {
        try (ModelRegistry registry = open()) {
            deployLinear(registry, 1);
            var monitoring = registry.monitoring();
            Prediction p = registry.deployer().endpoint(ENV).serve(new double[] {0.3}, null);
            assertThatThrownBy(() -> monitoring.recordOutcome(null, 1)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("requestId");
            assertThatThrownBy(() -> monitoring.recordOutcome("abc", 1)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("not a request id");
            assertThatThrownBy(() -> monitoring.recordOutcome("0".repeat(25) + "U", 1))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Crockford");
            assertThatThrownBy(() -> monitoring.recordOutcome("8" + "0".repeat(25), 1))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("128 bits");
            String unknown = new RequestIds(clock::millis).next();
            assertThatThrownBy(() -> monitoring.recordOutcome(unknown, 1)).isInstanceOf(RequestNotFoundException.class)
                    .hasMessageContaining(unknown).hasMessageContaining("not served");
            assertThatThrownBy(() -> monitoring.recordOutcome(p.requestId(), Double.NaN))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("finite");
            assertThatThrownBy(() -> monitoring.recordOutcome(p.requestId(), Double.POSITIVE_INFINITY))
                    .isInstanceOf(InvalidArgumentException.class);

            assertThat(monitoring.recordOutcome(p.requestId().toLowerCase(java.util.Locale.ROOT), 0.25))
                    .as("ids are case-insensitive, as Crockford base 32 is").isTrue();
            assertThat(monitoring.recordOutcome(p.requestId(), 0.25)).as("the same outcome again").isFalse();
            assertThatThrownBy(() -> monitoring.recordOutcome(p.requestId(), 0.26))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("0.25");
            assertThat(monitoring.liveAccuracy(ENV).get(0).rmse()).isCloseTo(0.05, within(1e-12));
            registry.close();
            assertThatThrownBy(() -> monitoring.recordOutcome(p.requestId(), 0.25))
                    .isInstanceOf(RegistryClosedException.class);
        }
    }

    @Test
    @Timeout(60)
    void several_threads_serve_while_outcomes_are_recorded_and_every_outcome_counts() throws Exception {
        try (ModelRegistry registry = builder().open()) { // the real background writer
            deployLinear(registry, 1);
            registry.monitoring().setRules(registry.monitoring().rules().withAccuracy(
                    registry.monitoring().rules().accuracy().withWindow(100_000, Duration.ofDays(1))));
            Endpoint endpoint = registry.deployer().endpoint(ENV);
            int threads = 4;
            int each = 500;
            LinkedBlockingQueue<Served> toRecord = new LinkedBlockingQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> servers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long seed = t;
                    servers.add(pool.submit(() -> {
                        start.await();
                        SplittableRandom random = new SplittableRandom(seed);
                        for (int i = 0; i < each; i++) {
                            toRecord.addAll(traffic(endpoint, 1, random, 1));
                        }
                        return null;
                    }));
                }
                Map<String, Double> recorded = new ConcurrentHashMap<>();
                Future<?> recorder = pool.submit(() -> {
                    start.await();
                    while (recorded.size() < threads * each) {
                        Served s = toRecord.poll(10, TimeUnit.SECONDS);
                        if (s == null) {
                            throw new AssertionError("no prediction to record for 10 s");
                        }
                        assertThat(registry.monitoring().recordOutcome(s.prediction().requestId(), s.actual()))
                                .isTrue();
                        recorded.put(s.prediction().requestId(), s.actual());
                    }
                    return null;
                });
                start.countDown();
                for (Future<?> f : servers) {
                    f.get(50, TimeUnit.SECONDS);
                }
                recorder.get(50, TimeUnit.SECONDS);
                assertThat(recorded).hasSize(threads * each);
            } finally {
                pool.shutdownNow();
            }
            assertThat(registry.monitoring().liveAccuracy(ENV)).singleElement()
                    .satisfies(a -> assertThat(a.outcomes()).isEqualTo(threads * each));
        }
    }

    @Test
    void a_shadow_answer_gets_the_outcome_of_its_request_and_its_own_live_accuracy() {
        try (ModelRegistry registry = builder().clock(clock).scheduler(scheduler)
                .executor(Runnable::run).open()) {
            ModelRef.Numbered stable = deployLinear(registry, 1);
            ModelRef.Numbered shadow = Fixtures.linear(registry, "ret", 0, -1, 0);
            registry.deployer().deploy(shadow, ENV, DeploymentSpec.shadow());
            List<Served> served = traffic(registry.deployer().endpoint(ENV), 200, new SplittableRandom(5), 1);
            recordAll(registry, served);
            List<LiveAccuracy> live = registry.monitoring().liveAccuracy(ENV);
            assertThat(live).extracting(LiveAccuracy::version).containsExactly(stable, shadow);
            assertThat(live).allSatisfy(a -> assertThat(a.outcomes()).isEqualTo(200));
            assertThat(live.get(0).hitRate().getAsDouble()).isGreaterThan(0.7);
            assertThat(live.get(1).hitRate().getAsDouble()).as("the shadow has every sign wrong")
                    .isCloseTo(1 - live.get(0).hitRate().getAsDouble(), within(1e-12));
        }
    }

    @Test
    void a_canary_significantly_worse_on_live_accuracy_waits_for_outcomes_then_is_rolled_back_not_promoted() {
        CanaryPolicy policy = new CanaryPolicy(50, 0.05, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)
                .withLiveAccuracy(100, 0.05);
        try (ModelRegistry registry = open()) {
            ModelRef.Numbered stable = deployLinear(registry, 1);
            ModelRef.Numbered wrong = Fixtures.linear(registry, "ret", 0, -1, 0); // every sign wrong
            registry.deployer().deploy(wrong, ENV, DeploymentSpec.canary(50).withPolicy(policy));
            List<Served> served = traffic(registry.deployer().endpoint(ENV), 600, new SplittableRandom(9), 1);

            CanaryVerdict before = registry.deployer().analyze(ENV);
            assertThat(before.decision()).as(before.reason()).isEqualTo(CanaryVerdict.Decision.WAIT);
            assertThat(before.reason()).startsWith("too few outcomes to judge live accuracy: canary 0, stable 0");

            recordAll(registry, served);
            CanaryVerdict verdict = registry.deployer().analyze(ENV);
            assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(CanaryVerdict.Decision.ROLLBACK);
            assertThat(verdict.reason()).startsWith("failed on live hit rate: ").contains("z=", "Welch")
                    .doesNotContain("NaN");
            assertThat(registry.deployer().deployments(ENV)).extracting(Deployment::version).containsExactly(stable);
            assertThat(registry.deployer().history(ENV).get(registry.deployer().history(ENV).size() - 1).reason())
                    .contains("canary analysis failed on live hit rate");
        }
    }

    @Test
    void a_canary_as_accurate_as_the_stable_version_is_promoted_with_the_live_numbers_in_the_verdict() {
        CanaryPolicy policy = new CanaryPolicy(50, 0.05, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)
                .withLiveAccuracy(100, 0.05);
        try (ModelRegistry registry = open()) {
            deployLinear(registry, 1);
            ModelRef.Numbered same = Fixtures.linear(registry, "ret", 0, 1, 0);
            registry.deployer().deploy(same, ENV, DeploymentSpec.canary(50).withPolicy(policy));
            List<Served> served = traffic(registry.deployer().endpoint(ENV), 600, new SplittableRandom(9), 1);
            recordAll(registry, served);
            CanaryVerdict verdict = registry.deployer().analyze(ENV);
            assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(CanaryVerdict.Decision.PROMOTE);
            assertThat(verdict.reason()).contains("live hit rate", "Welch");
        }
    }

    /** Stores a real market evaluation of the linear model on offline rows drawn like the healthy live ones. */
    private static void evaluateOffline(ModelRegistry registry, ModelRef.Numbered v, double slope) {
        SplittableRandom random = new SplittableRandom(2024);
        double[] actual = new double[500];
        double[] predicted = new double[500];
        for (int i = 0; i < actual.length; i++) {
            double x = random.nextDouble(-1, 1);
            predicted[i] = slope * x;
            actual[i] = x + NOISE * random.nextGaussian();
        }
        EvaluationReports.store(registry.versions(), v, new DefaultEvaluator().evaluate(
                Predictions.of(actual, predicted), EvaluationOptions.defaults().withDomain(MarketOptions.defaults())));
    }

    @Test
    void decay_alerts_fire_when_live_accuracy_falls_below_the_evaluation_and_not_on_a_healthy_model() {
        try (ModelRegistry registry = open()) {
            ModelRef.Numbered v = Fixtures.linear(registry, "ret", 0, 1, 0);
            evaluateOffline(registry, v, 1);
            registry.deployer().deploy(v, "healthy", DeploymentSpec.replace());
            registry.deployer().deploy(v, "decayed", DeploymentSpec.replace());
            List<Alert> heard = new ArrayList<>();
            registry.monitoring().addListener(heard::add);

            recordAll(registry, traffic(registry.deployer().endpoint("healthy"), 400, new SplittableRandom(21), 1));
            LiveAccuracy healthy = registry.monitoring().liveAccuracy("healthy").get(0);
            assertThat(healthy.evaluationHitRate()).isPresent();
            assertThat(healthy.evaluationIc()).isPresent();
            assertThat(healthy.evaluationRmse()).isPresent();
            assertThat(registry.monitoring().check("healthy")).as("a healthy model raises no decay alert").isEmpty();

            // The market turned: the relation the model learnt is gone (the outcome no longer follows x).
            List<Served> decayed = traffic(registry.deployer().endpoint("decayed"), 400, new SplittableRandom(22), 0.3);
            recordAll(registry, decayed.subList(0, 99));
            assertThat(registry.monitoring().check("decayed")).as("99 outcomes are too few to judge").isEmpty();
            recordAll(registry, decayed.subList(99, 400));
            List<Alert> alerts = registry.monitoring().check("decayed");
            assertThat(alerts).extracting(Alert::rule).containsExactlyInAnyOrder("live-hit-rate", "live-ic");
            assertThat(alerts).allSatisfy(a -> {
                assertThat(a.version()).isEqualTo(v);
                assertThat(a.environment()).isEqualTo("decayed");
                assertThat(a.message()).contains("significantly below its evaluation");
            });
            assertThat(heard).containsExactlyElementsOf(alerts);
        }
    }

    @Test
    void the_rmse_rule_fires_above_its_ratio_of_the_evaluation_rmse() {
        try (ModelRegistry registry = open()) {
            ModelRef.Numbered v = Fixtures.linear(registry, "ret", 0, 1, 0);
            evaluateOffline(registry, v, 1);
            registry.deployer().deploy(v, ENV, DeploymentSpec.replace());
            // Same direction, three times the spread: signs still agree, errors are far larger.
            List<Served> served = traffic(registry.deployer().endpoint(ENV), 300, new SplittableRandom(23), 4);
            recordAll(registry, served);
            assertThat(registry.monitoring().check(ENV)).extracting(Alert::rule).containsExactly("live-rmse");
        }
    }
}
