package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.AlertListener;
import dev.modelregistry.api.monitoring.AlertRules;
import dev.modelregistry.api.monitoring.DriftReport;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.monitoring.AccuracyRules;
import dev.modelregistry.api.monitoring.AggregateMetrics;
import dev.modelregistry.api.monitoring.HostMetrics;
import dev.modelregistry.api.monitoring.VersionTotals;
import dev.modelregistry.core.internal.metadata.HostMetricsStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.stream.LongStream;
import dev.modelregistry.api.monitoring.FeatureDrift;
import dev.modelregistry.api.monitoring.LiveAccuracy;
import dev.modelregistry.api.monitoring.Monitoring;
import dev.modelregistry.api.monitoring.VersionMetrics;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.core.evaluation.EvaluationReports;
import dev.modelregistry.core.internal.metadata.OutcomeStore;
import java.util.OptionalDouble;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's {@link Monitoring}: reads the deployments' windows from the {@link Endpoints}, computes
 * drift against the references, and for {@link #check} hands plain values to {@link AlertJudge}, keeps what
 * it learns in an {@link AlertMemory} and delivers admitted alerts through an {@link AlertNotifier}.
 * Outcomes go to the {@link OutcomeLog}; live accuracy is read from the {@link OutcomeStore} and computed
 * by {@link LiveAccuracies}, next to the figures of each version's stored evaluation (read at each call, so
 * a new evaluation counts at once). {@link #aggregate} writes this process's counters through the {@link
 * HostMetricsPublisher} and adds up every host's from the {@link HostMetricsStore}. Thread-safe.
 */
final class DefaultMonitoring implements Monitoring {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultMonitoring.class);

    private final Endpoints endpoints;
    private final Clock clock;
    private final Map<ModelRef.Numbered, Reference> references = new ConcurrentHashMap<>();
    private final AlertMemory memory = new AlertMemory();
    private final AlertNotifier notifier = new AlertNotifier();
    private volatile AlertRules rules = AlertRules.defaults();
    private final OutcomeLog outcomeLog;
    private final OutcomeStore outcomes;
    private final VersionManager versions;
    private final HostMetricsPublisher hostMetrics;
    private final HostMetricsStore hostStore;

    DefaultMonitoring(Endpoints endpoints, Clock clock, OutcomeLog outcomeLog, OutcomeStore outcomes,
            VersionManager versions, HostMetricsPublisher hostMetrics, HostMetricsStore hostStore) {
        this.hostMetrics = hostMetrics;
        this.hostStore = hostStore;
        this.endpoints = endpoints;
        this.clock = clock;
        this.outcomeLog = outcomeLog;
        this.outcomes = outcomes;
        this.versions = versions;
    }

    @Override
    public boolean recordOutcome(String requestId, double actual) {
        return outcomeLog.record(requestId, actual);
    }

    @Override
    public List<LiveAccuracy> liveAccuracy(String environment) {
        Objects.requireNonNull(environment, "environment");
        Names.requireEnvironmentName(environment);
        return liveAccuracy(environment, rules.accuracy()).stream().map(Live::accuracy).toList();
    }

    /** A version's live accuracy and the evaluation it is compared with. */
    private record Live(LiveAccuracy accuracy, LiveAccuracies.Baseline baseline) {
    }

    private List<Live> liveAccuracy(String environment, AccuracyRules r) {
        long since = clock.millis() - r.maxAge().toMillis();
        List<OutcomeStore.Outcome> rows = outcomes.recent(environment, since, r.window());
        List<Live> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || !rows.get(i).version().equals(rows.get(from).version())) {
                ModelRef.Numbered version = rows.get(from).version();
                LiveAccuracies.Baseline baseline = baseline(version);
                LiveAccuracy a = LiveAccuracies.of(environment, version,
                        LiveAccuracies.Pairs.of(rows.subList(from, i)), baseline);
                if (a != null) {
                    out.add(new Live(a, baseline));
                }
                from = i;
            }
        }
        return out;
    }

    /** The RMSE, hit rate and IC of the version's stored evaluation; none if it has none or it is unreadable. */
    private LiveAccuracies.Baseline baseline(ModelRef.Numbered version) {
        Optional<EvaluationReport> report;
        try {
            report = EvaluationReports.read(versions, version);
        } catch (RuntimeException e) {
            LOG.warn("cannot read the stored evaluation of {}; its live accuracy is not compared with it", version,
                    e);
            return LiveAccuracies.Baseline.NONE;
        }
        if (report.isEmpty()) {
            return LiveAccuracies.Baseline.NONE;
        }
        EvaluationReport e = report.get();
        OptionalDouble rmse = e.regression().map(m -> OptionalDouble.of(m.rmse())).orElse(OptionalDouble.empty());
        Optional<StockMetrics> market = e.section(StockMetrics.class);
        return new LiveAccuracies.Baseline(rmse,
                market.map(m -> m.hitRate().rate()).orElse(OptionalDouble.empty()),
                market.map(m -> m.ic().mean()).orElse(OptionalDouble.empty()),
                market.map(m -> m.ic().crossSectional()).orElse(false));
    }

    /** A version's reference rows, by row and by column. */
    private record Reference(List<String> names, double[][] rows, double[][] columns) {
    }

    @Override
    public List<VersionMetrics> snapshot(String environment) {
        Objects.requireNonNull(environment, "environment");
        RoutingTable t = endpoints.table(environment);
        List<VersionMetrics> out = new ArrayList<>();
        for (Served s : t.served()) {
            out.add(s.monitor.metrics(t.stateOf(s)));
        }
        return out;
    }

    @Override
    public void setReference(ModelRef.Numbered version, double[][] rows, List<String> featureNames) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(featureNames, "featureNames");
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

    @Override
    public void setRules(AlertRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    @Override
    public AlertRules rules() {
        return rules;
    }

    @Override
    public void addListener(AlertListener listener) {
        notifier.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public boolean removeListener(AlertListener listener) {
        return notifier.remove(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public List<DriftReport> drift(String environment) {
        Objects.requireNonNull(environment, "environment");
        RoutingTable t = endpoints.table(environment);
        AlertRules r = rules;
        List<DriftReport> out = new ArrayList<>();
        for (Served s : t.served()) {
            drift(environment, s, s.monitor.window(), r).ifPresent(out::add);
        }
        return out;
    }

    private Optional<DriftReport> drift(String environment, Served s, VersionMonitor.Window w, AlertRules r) {
        Reference ref = references.get(s.version);
        if (ref == null || w.requests() < 2) {
            return Optional.empty();
        }
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

    @Override
    public List<Alert> check(String environment) {
        Objects.requireNonNull(environment, "environment");
        RoutingTable t = endpoints.table(environment);
        AlertRules r = rules;
        Instant now = clock.instant();
        List<Alert> raised = new ArrayList<>();
        for (Served s : t.served()) {
            VersionMonitor.Window w = s.monitor.window();
            // Drift is only worth computing (and the reference only worth scoring) for a window the rules judge.
            Optional<DriftReport> drift = w.requests() < r.minRequests() ? Optional.empty()
                    : drift(environment, s, w, r);
            AlertJudge.Evaluation e = AlertJudge.evaluate(new AlertJudge.Observation(environment, s.deploymentId,
                    s.version, w.requests(), w.errors(), w.latencyPercentileNanos(0.95),
                    memory.baseline(s.deploymentId), drift), r, now);
            e.baselineSample().ifPresent(p95 -> memory.learn(s.deploymentId, p95));
            raised.addAll(e.alerts());
        }
        if (!t.served().isEmpty()) {
            List<Live> live = liveAccuracy(environment, r.accuracy());
            for (Served s : t.served()) {
                live.stream().filter(l -> l.accuracy().version().equals(s.version)).findFirst().ifPresent(l ->
                        raised.addAll(AlertJudge.accuracy(s.deploymentId, l.accuracy(),
                                l.baseline().icCrossSectional(), r.accuracy(), now)));
            }
        }
        List<Alert> notified = new ArrayList<>();
        for (Alert a : raised) {
            if (memory.admit(a, r)) {
                notified.add(a);
                notifier.deliver(a);
            }
        }
        return notified;
    }

    @Override
    public AggregateMetrics aggregate(String environment) {
        Objects.requireNonNull(environment, "environment");
        Names.requireEnvironmentName(environment);
        endpoints.ensureOpen();
        hostMetrics.publish(); // this host's own contribution is current, not up to a period old
        Instant now = clock.instant();
        Map<String, List<HostMetricsStore.Row>> byHost = new LinkedHashMap<>();
        for (HostMetricsStore.Row r : hostStore.read(environment)) {
            byHost.computeIfAbsent(r.hostId(), h -> new ArrayList<>()).add(r);
        }
        Comparator<ModelRef.Numbered> order = Comparator.comparing(ModelRef.Numbered::model)
                .thenComparingInt(ModelRef.Numbered::version);
        Map<ModelRef.Numbered, VersionTotals> total = new TreeMap<>(order);
        List<HostMetrics> hosts = new ArrayList<>();
        for (List<HostMetricsStore.Row> rows : byHost.values()) {
            // A version may have served through several deployments on one host (a redeploy): one row each.
            Map<ModelRef.Numbered, VersionTotals> perVersion = new TreeMap<>(order);
            for (HostMetricsStore.Row r : rows) {
                VersionTotals t = VersionTotals.of(r.version(), r.requests(), r.errors(),
                        LongStream.of(r.latencyBuckets()).boxed().toList());
                perVersion.merge(r.version(), t, VersionTotals::plus);
                total.merge(r.version(), t, VersionTotals::plus);
            }
            HostMetricsStore.Row first = rows.get(0);
            Instant takenAt = Instant.ofEpochMilli(first.takenAtMillis());
            Duration age = Duration.between(takenAt, now);
            hosts.add(new HostMetrics(first.hostId(), takenAt, age.isNegative() ? Duration.ZERO : age,
                    first.closedAtMillis().map(Instant::ofEpochMilli), List.copyOf(perVersion.values())));
        }
        return new AggregateMetrics(environment, now, List.copyOf(total.values()), hosts);
    }
}
