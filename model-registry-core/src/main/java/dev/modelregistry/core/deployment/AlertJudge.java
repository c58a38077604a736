package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.monitoring.AccuracyRules;
import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.AlertRules;
import dev.modelregistry.api.monitoring.DriftReport;
import dev.modelregistry.api.monitoring.FeatureDrift;
import dev.modelregistry.api.monitoring.LiveAccuracy;
import dev.modelregistry.api.monitoring.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The alert rules as pure functions: one deployment's window, its latency baseline and its drift, in;
 * the alerts the rules raise and what the baseline learns, out. De-duplication, the baseline itself and
 * notifying listeners live elsewhere ({@link AlertMemory}, {@link AlertNotifier}).
 */
final class AlertJudge {
    /** A p95 less than this far above its baseline is never anomalous, whatever the ratio. */
    static final double LATENCY_FLOOR_NANOS = 1e6;
    /** The weight of the latest p95 in the latency baseline's exponentially weighted average. */
    static final double BASELINE_WEIGHT = 0.2;

    private AlertJudge() {
    }

    /**
     * One deployment as the rules see it.
     *
     * @param environment the environment
     * @param deploymentId the deployment
     * @param version its version
     * @param requests requests in its sliding window
     * @param errors failed requests in the window
     * @param latencyP95Nanos the window's p95 latency
     * @param latencyBaselineNanos the latency baseline, NaN before the first judged window
     * @param drift the window's drift against the version's reference, if it has one
     */
    record Observation(String environment, long deploymentId, ModelRef.Numbered version, int requests, int errors,
            double latencyP95Nanos, double latencyBaselineNanos, Optional<DriftReport> drift) {
    }

    /**
     * What the rules concluded about one deployment.
     *
     * @param alerts the alerts raised, before de-duplication
     * @param baselineSample the p95 the latency baseline learns from, empty when it must not change (the
     *     window was too small to judge, or its latency was anomalous)
     */
    record Evaluation(List<Alert> alerts, OptionalDouble baselineSample) {
    }

    /**
     * Evaluates every rule on one deployment. A window with fewer than {@link AlertRules#minRequests()}
     * requests is not judged.
     *
     * @param o the deployment
     * @param rules the thresholds
     * @param now when the alerts are raised
     * @return the alerts (error rate, then latency, then drift per feature and of the predictions) and the
     *     baseline's sample
     */
    static Evaluation evaluate(Observation o, AlertRules rules, Instant now) {
        if (o.requests() < rules.minRequests()) {
            return new Evaluation(List.of(), OptionalDouble.empty());
        }
        List<Alert> raised = new ArrayList<>();
        double errorRate = o.errors() / (double) o.requests();
        if (errorRate > rules.maxErrorRate()) {
            raised.add(alert(o, Severity.CRITICAL, "error-rate", "", errorRate, rules.maxErrorRate(), now,
                    String.format(Locale.ROOT, "%s in %s failed %.1f%% of its last %d requests (limit %.1f%%)",
                            o.version(), o.environment(), errorRate * 100, o.requests(), rules.maxErrorRate() * 100)));
        }
        double p95 = o.latencyP95Nanos();
        double baseline = o.latencyBaselineNanos();
        OptionalDouble sample = OptionalDouble.of(p95);
        if (!Double.isNaN(baseline) && p95 > rules.latencyFactor() * baseline && p95 - baseline > LATENCY_FLOOR_NANOS) {
            sample = OptionalDouble.empty();
            raised.add(alert(o, Severity.WARNING, "latency-anomaly", "", p95 / 1e6,
                    rules.latencyFactor() * baseline / 1e6, now, String.format(Locale.ROOT,
                            "%s in %s: p95 latency %.3f ms is above %.1f times its baseline %.3f ms",
                            o.version(), o.environment(), p95 / 1e6, rules.latencyFactor(), baseline / 1e6)));
        }
        if (o.drift().isPresent()) {
            DriftReport drift = o.drift().get();
            for (FeatureDrift f : drift.features()) {
                drift(o, "feature-drift", f, rules, now).ifPresent(raised::add);
            }
            drift.prediction().flatMap(f -> drift(o, "prediction-drift", f, rules, now)).ifPresent(raised::add);
        }
        return new Evaluation(raised, sample);
    }

    /**
     * Evaluates the live-accuracy decay rules of {@link AccuracyRules} on one deployment's version: nothing
     * with fewer than {@link AccuracyRules#minOutcomes()} outcomes, and no rule whose evaluation figure is
     * unknown. The IC rule is skipped when the evaluation's IC is cross-sectional (a mean of per-date ICs,
     * not comparable with the pooled live IC).
     *
     * @param deploymentId the deployment serving the version, which the alerts name
     * @param live the version's live accuracy with its evaluation figures
     * @param icCrossSectional whether the evaluation's IC is a mean of per-date cross-sections
     * @param rules the thresholds
     * @param now when the alerts are raised
     * @return the alerts (hit rate, IC, RMSE), before de-duplication
     */
    static List<Alert> accuracy(long deploymentId, LiveAccuracy live, boolean icCrossSectional, AccuracyRules rules,
            Instant now) {
        if (live.outcomes() < rules.minOutcomes()) {
            return List.of();
        }
        Observation o = new Observation(live.environment(), deploymentId, live.version(), live.outcomes(), 0,
                Double.NaN, Double.NaN, Optional.empty());
        List<Alert> raised = new ArrayList<>();
        if (live.evaluationHitRate().isPresent() && live.hitRate().isPresent()) {
            double expected = live.evaluationHitRate().getAsDouble();
            double p = LiveAccuracies.hitRateDecayPValue(live.hits(), live.trials(), expected);
            if (p < rules.alpha()) {
                raised.add(alert(o, Severity.WARNING, "live-hit-rate", "", live.hitRate().getAsDouble(), expected,
                        now, String.format(Locale.ROOT, "%s in %s: live hit rate %.3f over %d outcomes is"
                                + " significantly below its evaluation's %.3f (binomial p=%.2g < %.2g)",
                                live.version(), live.environment(), live.hitRate().getAsDouble(), live.trials(),
                                expected, p, rules.alpha())));
            }
        }
        if (!icCrossSectional && live.evaluationIc().isPresent() && live.ic().isPresent()) {
            double expected = live.evaluationIc().getAsDouble();
            double p = LiveAccuracies.icDecayPValue(live.ic().getAsDouble(), live.outcomes(), expected);
            if (p < rules.alpha()) {
                raised.add(alert(o, Severity.WARNING, "live-ic", "", live.ic().getAsDouble(), expected, now,
                        String.format(Locale.ROOT, "%s in %s: live IC %.3f over %d outcomes is significantly"
                                + " below its evaluation's %.3f (Fisher z p=%.2g < %.2g)", live.version(),
                                live.environment(), live.ic().getAsDouble(), live.outcomes(), expected, p,
                                rules.alpha())));
            }
        }
        if (live.evaluationRmse().isPresent()) {
            double limit = rules.maxRmseRatio() * live.evaluationRmse().getAsDouble();
            if (live.rmse() > limit) {
                raised.add(alert(o, Severity.WARNING, "live-rmse", "", live.rmse(), limit, now,
                        String.format(Locale.ROOT, "%s in %s: live RMSE %.4g over %d outcomes is above %.2f times"
                                + " its evaluation's %.4g", live.version(), live.environment(), live.rmse(),
                                live.outcomes(), rules.maxRmseRatio(), live.evaluationRmse().getAsDouble())));
            }
        }
        return raised;
    }

    /** The next latency baseline after a sample: the sample itself at first, then a weighted average. */
    static double nextBaseline(double baseline, double sample) {
        return Double.isNaN(baseline) ? sample : (1 - BASELINE_WEIGHT) * baseline + BASELINE_WEIGHT * sample;
    }

    /**
     * Whether an alert is repeated: always the first time, at once when its severity rose, else once the
     * cool-down since the last time has passed.
     *
     * @param last the severity and time the same key last fired, if it did
     */
    static boolean admits(Optional<Alert> last, Alert alert, AlertRules rules) {
        return last.isEmpty() || alert.severity().compareTo(last.get().severity()) > 0
                || !alert.at().isBefore(last.get().at().plus(rules.cooldown()));
    }

    private static Optional<Alert> drift(Observation o, String rule, FeatureDrift f, AlertRules rules, Instant now) {
        if (f.band() == FeatureDrift.Band.SIGNIFICANT) {
            return Optional.of(alert(o, Severity.CRITICAL, rule, f.name(), f.psi(), rules.psiCritical(), now,
                    driftMessage(o, f)));
        }
        if (f.band() == FeatureDrift.Band.MODERATE && f.ksPValue() < rules.ksAlpha()) {
            return Optional.of(alert(o, Severity.WARNING, rule, f.name(), f.psi(), rules.psiWarning(), now,
                    driftMessage(o, f)));
        }
        return Optional.empty();
    }

    private static String driftMessage(Observation o, FeatureDrift f) {
        return String.format(Locale.ROOT, "%s in %s: '%s' drifted from its reference: PSI %.3f (%s), KS %.3f p%s"
                + " over %d values", o.version(), o.environment(), f.name(), f.psi(), f.band(), f.ksStatistic(),
                pValue(f.ksPValue()), f.sampleSize());
    }

    /**
     * The KS p-value's asymptotic form is 1 minus a CDF, so below about 1e-15 it rounds to exactly 0: say "below"
     * rather than print a p-value of 0.
     */
    private static String pValue(double p) {
        return p < 1e-15 ? "<1e-15" : String.format(Locale.ROOT, "=%.2g", p);
    }

    private static Alert alert(Observation o, Severity severity, String rule, String subject, double observed,
            double threshold, Instant now, String message) {
        return new Alert(severity, rule, subject, observed, threshold, o.environment(), o.deploymentId(), o.version(),
                now, message);
    }
}
