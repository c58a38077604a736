package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics, drift and alerts of the deployments an endpoint serves in this process.
 *
 * <ul>
 *   <li>{@link #snapshot} — counts, error rate, latency percentiles and the prediction distribution per
 *       deployment (totals since it started serving here; percentiles over its sliding window of the
 *       latest {@link DefaultDeployer#DEFAULT_WINDOW} requests by default).</li>
 *   <li>{@link #setReference} — the training reference of a version: rows drawn from its training data,
 *       given by the caller. Drift compares each deployment's window with it.</li>
 *   <li>{@link #drift} — PSI and Kolmogorov–Smirnov per feature and for the predictions.</li>
 *   <li>{@link #check} — evaluates the {@link AlertRules} now and notifies the listeners, with
 *       de-duplication and a cool-down measured on the deployer's clock.</li>
 * </ul>
 * Metrics are kept in memory: they start from zero when the registry is reopened.
 *
 * <p>Thread-safe.
 */
public final class Monitoring {
    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);
    /** A p95 less than this far above its baseline is never anomalous, whatever the ratio. */
    private static final double LATENCY_FLOOR_NANOS = 1e6;

    private final DefaultDeployer deployer;
    private final Clock clock;
    private final Map<ModelRef.Numbered, Reference> references = new ConcurrentHashMap<>();
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Fired> fired = new ConcurrentHashMap<>();
    private volatile AlertRules rules = AlertRules.defaults();

    Monitoring(DefaultDeployer deployer, Clock clock) {
        this.deployer = deployer;
        this.clock = clock;
    }

    /** A version's reference rows, by column. */
    private record Reference(List<String> names, double[][] rows, double[][] columns) {
    }

    /** The last alert of a key: its severity and time. */
    private record Fired(Severity severity, Instant at) {
    }

    /**
     * The metrics of every deployment serving an environment, stable first.
     *
     * @param environment the environment
     * @return one entry per deployment; empty when nothing is deployed
     */
    public List<VersionMetrics> snapshot(String environment) {
        RoutingTable t = deployer.table(environment);
        List<VersionMetrics> out = new ArrayList<>();
        for (Served s : t.served()) {
            out.add(s.monitor.metrics(t.stateOf(s)));
        }
        return out;
    }

    /**
     * Sets the training reference of a version: rows from its training data, in the model's feature
     * order. Replaces an earlier reference. The same rows are scored once by the version to give the
     * reference of its predictions.
     *
     * @param version the version
     * @param rows at least 10 rows, all of one width
     * @param featureNames one name per column
     * @throws InvalidArgumentException if the rows are too few, ragged, or do not match the names
     */
    public void setReference(ModelRef.Numbered version, double[][] rows, List<String> featureNames) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rows, "rows");
        List<String> names = List.copyOf(featureNames);
        if (rows.length < 10) {
            throw new InvalidArgumentException("a drift reference needs at least 10 rows, got " + rows.length);
        }
        double[][] columns = new double[names.size()][rows.length];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != names.size()) {
                throw new InvalidArgumentException("reference row " + r + " has " + rows[r].length
                        + " values but there are " + names.size() + " feature names");
            }
            for (int c = 0; c < names.size(); c++) {
                columns[c][r] = rows[r][c];
            }
        }
        double[][] copy = Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);
        references.put(version, new Reference(names, copy, columns));
    }

    /**
     * Sets the rules {@link #check} applies from now on.
     *
     * @param value the rules
     */
    public void setRules(AlertRules value) {
        this.rules = Objects.requireNonNull(value, "rules");
    }

    /**
     * The rules in force.
     *
     * @return the rules
     */
    public AlertRules rules() {
        return rules;
    }

    /**
     * Adds a listener. Idempotent for the same instance.
     *
     * @param listener the listener
     */
    public void addListener(AlertListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!listeners.contains(listener)) {
            listeners.add(listener);
        }
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean removeListener(AlertListener listener) {
        return listeners.remove(listener);
    }

    /**
     * The drift of each deployment in an environment whose version has a reference, against that
     * reference, over the deployment's sliding window.
     *
     * @param environment the environment
     * @return one report per deployment with a reference and at least two requests in its window
     */
    public List<DriftReport> drift(String environment) {
        RoutingTable t = deployer.table(environment);
        List<DriftReport> out = new ArrayList<>();
        for (Served s : t.served()) {
            drift(environment, s, s.monitor.window()).ifPresent(out::add);
        }
        return out;
    }

    private Optional<DriftReport> drift(String environment, Served s, VersionMonitor.Window w) {
        Reference ref = references.get(s.version);
        if (ref == null || w.requests() < 2) {
            return Optional.empty();
        }
        AlertRules r = rules;
        List<FeatureDrift> features = new ArrayList<>();
        for (int c = 0; c < ref.names().size(); c++) {
            int col = c;
            double[] live = Arrays.stream(w.rows()).filter(row -> row != null && row.length > col)
                    .mapToDouble(row -> row[col]).toArray();
            features.add(featureDrift(ref.names().get(c), ref.columns()[c], live, r));
        }
        Optional<FeatureDrift> prediction = Optional.empty();
        double[] refPredictions = referencePredictions(s, ref);
        if (refPredictions != null && w.predictions().length >= 2) {
            prediction = Optional.of(featureDrift("prediction", refPredictions, w.predictions(), r));
        }
        return Optional.of(new DriftReport(environment, s.deploymentId, s.version, features, prediction));
    }

    private static FeatureDrift featureDrift(String name, double[] reference, double[] live, AlertRules r) {
        double psi = Drift.psi(reference, live);
        double[] ks = Drift.ks(reference, live);
        return new FeatureDrift(name, psi, ks[0], ks[1], FeatureDrift.Band.of(psi, r.psiWarning(), r.psiCritical()),
                live.length);
    }

    /** The version's predictions on its reference rows, computed once per reference; null if it cannot score. */
    private static double[] referencePredictions(Served s, Reference ref) {
        if (s.referenceKey == ref) {
            return s.referencePredictions;
        }
        if (!s.acquire()) {
            return null;
        }
        try {
            double[] out = new double[ref.rows().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = s.predictor.predict(ref.rows()[i]);
            }
            s.referencePredictions = out;
            s.referenceKey = ref;
            return out;
        } catch (RuntimeException e) {
            LOG.debug("cannot score the reference rows with {}", s.version, e);
            return null;
        } finally {
            s.release();
        }
    }

    /**
     * Evaluates the alert rules on every deployment of an environment now and notifies the listeners of
     * the alerts that pass de-duplication.
     *
     * @param environment the environment
     * @return the alerts notified, possibly none
     */
    public List<Alert> check(String environment) {
        RoutingTable t = deployer.table(environment);
        AlertRules r = rules;
        Instant now = clock.instant();
        List<Alert> raised = new ArrayList<>();
        for (Served s : t.served()) {
            VersionMonitor.Window w = s.monitor.window();
            if (w.requests() < r.minRequests()) {
                continue;
            }
            double errorRate = w.errors() / (double) w.requests();
            if (errorRate > r.maxErrorRate()) {
                raised.add(alert(Severity.CRITICAL, "error-rate", "", errorRate, r.maxErrorRate(), environment, s, now,
                        String.format(Locale.ROOT, "%s in %s failed %.1f%% of its last %d requests (limit %.1f%%)",
                                s.version, environment, errorRate * 100, w.requests(), r.maxErrorRate() * 100)));
            }
            double p95 = w.latencyPercentileNanos(0.95);
            double baseline = s.monitor.latencyBaselineNanos();
            if (!Double.isNaN(baseline) && p95 > r.latencyFactor() * baseline
                    && p95 - baseline > LATENCY_FLOOR_NANOS) {
                raised.add(alert(Severity.WARNING, "latency-anomaly", "", p95 / 1e6, r.latencyFactor() * baseline / 1e6,
                        environment, s, now, String.format(Locale.ROOT,
                                "%s in %s: p95 latency %.3f ms is above %.1f times its baseline %.3f ms",
                                s.version, environment, p95 / 1e6, r.latencyFactor(), baseline / 1e6)));
            } else {
                s.monitor.updateLatencyBaseline(p95);
            }
            Optional<DriftReport> drift = drift(environment, s, w);
            if (drift.isPresent()) {
                List<FeatureDrift> all = new ArrayList<>(drift.get().features());
                drift.get().prediction().ifPresent(all::add);
                for (FeatureDrift f : all) {
                    String rule = f.name().equals("prediction") && drift.get().prediction().orElse(null) == f
                            ? "prediction-drift" : "feature-drift";
                    if (f.band() == FeatureDrift.Band.SIGNIFICANT) {
                        raised.add(alert(Severity.CRITICAL, rule, f.name(), f.psi(), r.psiCritical(), environment, s,
                                now, driftMessage(s, environment, f)));
                    } else if (f.band() == FeatureDrift.Band.MODERATE && f.ksPValue() < r.ksAlpha()) {
                        raised.add(alert(Severity.WARNING, rule, f.name(), f.psi(), r.psiWarning(), environment, s,
                                now, driftMessage(s, environment, f)));
                    }
                }
            }
        }
        List<Alert> notified = new ArrayList<>();
        for (Alert a : raised) {
            if (admit(a, r)) {
                notified.add(a);
                for (AlertListener l : listeners) {
                    try {
                        l.onAlert(a);
                    } catch (RuntimeException e) {
                        LOG.warn("alert listener {} failed on {}", l, a, e);
                    }
                }
            }
        }
        return notified;
    }

    private static String driftMessage(Served s, String environment, FeatureDrift f) {
        return String.format(Locale.ROOT, "%s in %s: '%s' drifted from its reference: PSI %.3f (%s), KS %.3f p=%.2g"
                + " over %d values", s.version, environment, f.name(), f.psi(), f.band(), f.ksStatistic(),
                f.ksPValue(), f.sampleSize());
    }

    private static Alert alert(Severity severity, String rule, String subject, double observed, double threshold,
            String environment, Served s, Instant now, String message) {
        return new Alert(severity, rule, subject, observed, threshold, environment, s.deploymentId, s.version, now,
                message);
    }

    /** De-duplication: a key fires again after its cool-down, or at once when its severity rises. */
    private boolean admit(Alert a, AlertRules r) {
        String key = a.environment() + '\0' + a.deploymentId() + '\0' + a.rule() + '\0' + a.subject();
        boolean[] admitted = new boolean[1];
        fired.compute(key, (k, last) -> {
            if (last == null || a.severity().compareTo(last.severity()) > 0
                    || !a.at().isBefore(last.at().plus(r.cooldown()))) {
                admitted[0] = true;
                return new Fired(a.severity(), a.at());
            }
            return last;
        });
        return admitted[0];
    }
}
