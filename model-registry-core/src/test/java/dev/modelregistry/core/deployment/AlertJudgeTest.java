package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.AlertRules;
import dev.modelregistry.api.monitoring.DriftReport;
import dev.modelregistry.api.monitoring.FeatureDrift;
import dev.modelregistry.api.monitoring.FeatureDrift.Band;
import dev.modelregistry.api.monitoring.Severity;
import dev.modelregistry.core.deployment.AlertJudge.Evaluation;
import dev.modelregistry.core.deployment.AlertJudge.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The alert rules, the latency baseline and de-duplication with plain values: one deployment's numbers in,
 * alerts out. No registry, no threads, no clock but the instants given.
 */
class AlertJudgeTest {
    private static final ModelRef.Numbered V = new ModelRef.Numbered("m", 1);
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final AlertRules RULES = AlertRules.defaults().withMinRequests(100);
    private static final double MS = 1e6;

    private static Observation window(int requests, int errors, double p95Nanos, double baselineNanos) {
        return new Observation("production", 7, V, requests, errors, p95Nanos, baselineNanos, Optional.empty());
    }

    private static Observation drifted(FeatureDrift... features) {
        return new Observation("production", 7, V, 500, 0, MS, MS, Optional.of(new DriftReport("production", 7, V,
                List.of(features), Optional.empty())));
    }

    @Test
    void a_window_below_the_minimum_is_not_judged_and_teaches_the_baseline_nothing() {
        Evaluation e = AlertJudge.evaluate(window(99, 99, 100 * MS, MS), RULES, NOW);
        assertThat(e.alerts()).isEmpty();
        assertThat(e.baselineSample()).isEmpty();
    }

    @Test
    void an_error_rate_above_the_limit_is_critical_and_names_its_numbers() {
        Evaluation e = AlertJudge.evaluate(window(200, 20, MS, MS), RULES, NOW);
        assertThat(e.alerts()).singleElement().isEqualTo(new Alert(Severity.CRITICAL, "error-rate", "", 0.1, 0.05,
                "production", 7, V, NOW, "m/1 in production failed 10.0% of its last 200 requests (limit 5.0%)"));
        assertThat(AlertJudge.evaluate(window(200, 10, MS, MS), RULES, NOW).alerts()).as("5 % is the limit")
                .isEmpty();
    }

    @Test
    void the_first_judged_window_sets_the_latency_baseline_and_raises_nothing() {
        Evaluation e = AlertJudge.evaluate(window(200, 0, 50 * MS, Double.NaN), RULES, NOW);
        assertThat(e.alerts()).isEmpty();
        assertThat(e.baselineSample()).isEqualTo(OptionalDouble.of(50 * MS));
        assertThat(AlertJudge.nextBaseline(Double.NaN, 50 * MS)).isEqualTo(50 * MS);
        assertThat(AlertJudge.nextBaseline(10 * MS, 20 * MS)).isEqualTo(12 * MS);
    }

    @Test
    void a_p95_far_above_its_baseline_is_a_latency_warning_and_is_kept_out_of_the_baseline() {
        Evaluation e = AlertJudge.evaluate(window(200, 0, 4 * MS, MS), RULES, NOW);
        assertThat(e.alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("latency-anomaly");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.observed()).isEqualTo(4.0);
            assertThat(a.threshold()).isEqualTo(3.0);
            assertThat(a.message()).isEqualTo("m/1 in production: p95 latency 4.000 ms is above 3.0 times its"
                    + " baseline 1.000 ms");
        });
        assertThat(e.baselineSample()).isEmpty();
    }

    @Test
    void a_large_ratio_within_a_millisecond_of_the_baseline_is_not_an_anomaly() {
        Evaluation e = AlertJudge.evaluate(window(200, 0, 0.9 * MS, 0.1 * MS), RULES, NOW);
        assertThat(e.alerts()).isEmpty();
        assertThat(e.baselineSample()).isEqualTo(OptionalDouble.of(0.9 * MS));
    }

    @Test
    void drift_is_critical_when_significant_a_warning_when_moderate_and_confirmed_by_ks_and_else_quiet() {
        FeatureDrift significant = new FeatureDrift("x0", 0.4, 0.3, 1e-9, Band.SIGNIFICANT, 500);
        FeatureDrift moderate = new FeatureDrift("x1", 0.15, 0.2, 1e-4, Band.MODERATE, 500);
        FeatureDrift moderateByChance = new FeatureDrift("x2", 0.15, 0.05, 0.3, Band.MODERATE, 500);
        FeatureDrift stable = new FeatureDrift("x3", 0.01, 0.01, 0.9, Band.STABLE, 500);
        List<Alert> alerts = AlertJudge.evaluate(drifted(significant, moderate, moderateByChance, stable), RULES, NOW)
                .alerts();
        assertThat(alerts).extracting(a -> a.rule() + " " + a.subject() + " " + a.severity() + " " + a.threshold())
                .containsExactly("feature-drift x0 CRITICAL 0.25", "feature-drift x1 WARNING 0.1");
        assertThat(alerts.get(0).message()).isEqualTo("m/1 in production: 'x0' drifted from its reference:"
                + " PSI 0.400 (SIGNIFICANT), KS 0.300 p=1.0e-09 over 500 values");
    }

    @Test
    void a_ks_p_value_that_underflowed_to_zero_is_reported_as_below_the_precision_not_as_zero() {
        FeatureDrift extreme = new FeatureDrift("x0", 0.9, 0.6, 0.0, Band.SIGNIFICANT, 5000);
        List<Alert> alerts = AlertJudge.evaluate(drifted(extreme), RULES, NOW).alerts();
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.message()).endsWith(
                "KS 0.600 p<1e-15 over 5000 values"));
    }

    @Test
    void drift_of_the_predictions_is_its_own_rule_even_beside_a_feature_named_prediction() {
        FeatureDrift feature = new FeatureDrift("prediction", 0.4, 0.3, 1e-9, Band.SIGNIFICANT, 500);
        FeatureDrift predictions = new FeatureDrift("prediction", 0.5, 0.3, 1e-9, Band.SIGNIFICANT, 500);
        Observation o = new Observation("production", 7, V, 500, 0, MS, MS, Optional.of(new DriftReport(
                "production", 7, V, List.of(feature), Optional.of(predictions))));
        assertThat(AlertJudge.evaluate(o, RULES, NOW).alerts()).extracting(a -> a.rule() + " " + a.observed())
                .containsExactly("feature-drift 0.4", "prediction-drift 0.5");
    }

    @Test
    void an_alert_repeats_after_its_cool_down_or_at_once_when_its_severity_rises() {
        AlertRules rules = RULES.withCooldown(Duration.ofMinutes(10));
        Alert warning = alert(Severity.WARNING, NOW);
        assertThat(AlertJudge.admits(Optional.empty(), warning, rules)).as("the first time").isTrue();
        assertThat(AlertJudge.admits(Optional.of(warning), alert(Severity.WARNING, NOW.plusSeconds(599)), rules))
                .as("within the cool-down").isFalse();
        assertThat(AlertJudge.admits(Optional.of(warning), alert(Severity.WARNING, NOW.plusSeconds(600)), rules))
                .as("after the cool-down").isTrue();
        assertThat(AlertJudge.admits(Optional.of(warning), alert(Severity.CRITICAL, NOW.plusSeconds(1)), rules))
                .as("severity rose").isTrue();
        assertThat(AlertJudge.admits(Optional.of(alert(Severity.CRITICAL, NOW)), alert(Severity.WARNING,
                NOW.plusSeconds(1)), rules)).as("severity fell").isFalse();
    }

    @Test
    void memory_de_duplicates_per_deployment_rule_and_subject_and_keeps_a_baseline_per_deployment() {
        AlertMemory memory = new AlertMemory();
        Alert a = alert(Severity.WARNING, NOW);
        assertThat(memory.admit(a, RULES)).isTrue();
        assertThat(memory.admit(a, RULES)).isFalse();
        assertThat(memory.admit(new Alert(Severity.WARNING, "feature-drift", "x1", 0.2, 0.1, "production", 7, V, NOW,
                "other subject"), RULES)).isTrue();
        assertThat(memory.admit(new Alert(Severity.WARNING, "feature-drift", "x0", 0.2, 0.1, "production", 8, V, NOW,
                "other deployment"), RULES)).isTrue();

        assertThat(memory.baseline(7)).isNaN();
        memory.learn(7, 10 * MS);
        memory.learn(7, 20 * MS);
        assertThat(memory.baseline(7)).isEqualTo(12 * MS);
        assertThat(memory.baseline(8)).isNaN();
    }

    private static Alert alert(Severity severity, Instant at) {
        return new Alert(severity, "feature-drift", "x0", 0.2, 0.1, "production", 7, V, at, "m");
    }
}
