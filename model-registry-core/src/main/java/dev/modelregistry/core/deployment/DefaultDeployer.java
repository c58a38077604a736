package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.DeploymentStrategy;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.IllegalTransitionException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's {@link Deployer}: deployments and history in the registry database (through a
 * {@link DeploymentStore}), one {@link Endpoint} per environment serving private model copies, per
 * deployment {@link Monitoring}, and automatic canary analysis on demand ({@link #analyze}) or on a
 * schedule ({@link #scheduleChecks}).
 *
 * <h2>Life cycle</h2>
 * The first deployment of an environment, and any {@link DeploymentStrategy#REPLACE}, becomes the stable
 * version ({@link DeploymentState#ACTIVE}) and retires what served before. Otherwise the new version is the
 * candidate: a {@link DeploymentState#CANARY} at its first step, a {@link DeploymentState#SHADOW}, or a
 * blue-green {@link DeploymentState#PENDING}. {@link #promote} makes the candidate stable
 * ({@link DeploymentState#PROMOTED}); {@link #rollback} removes the candidate, or, without one, rolls the
 * stable version back and restores the stable version before it (a new {@code ACTIVE} deployment), so
 * successive rollbacks walk back through the stable versions.
 *
 * <h2>Consistency</h2>
 * Actions on one environment are serialised within this process; each is one database transaction
 * (state, history event, audit row), after which the endpoint swaps in a new routing table. A model is
 * loaded (and its artifact verified) before the transaction that deploys it, so a corrupt artifact changes
 * nothing. Routing tables reflect this process's actions and, after a reopen, the stored state; another
 * process's changes to the same environment are seen after the registry is reopened.
 *
 * <p>Thread-safe.
 */
public final class DefaultDeployer implements Deployer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultDeployer.class);
    /** Requests kept in each deployment's sliding window. */
    public static final int DEFAULT_WINDOW = 1_000;

    private final DeploymentStore store;
    private final VersionManager versions;
    private final ModelStorage storage;
    private final ModelSource models;
    private final ServingMetrics metrics;
    private final int window;
    private final Monitoring monitoring;
    private final ConcurrentHashMap<String, LiveEndpoint> endpoints = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor shadowExecutor;
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /**
     * Creates a deployer. The registry does this; other callers pass their own store and sources.
     *
     * @param store where deployments are kept
     * @param versions resolves references and checks versions are live
     * @param storage verifies artifacts before a deployment
     * @param models opens private model copies for serving
     * @param clock stamps alerts and rules out time-based flakiness in tests
     * @param metrics where requests are reported besides the snapshots ({@link ServingMetrics#NONE} for nowhere)
     * @param window how many recent requests each deployment's sliding window keeps, at least 10
     * @throws NullPointerException if an argument is null
     * @throws InvalidArgumentException if the window is too small
     */
    public DefaultDeployer(DeploymentStore store, VersionManager versions, ModelStorage storage, ModelSource models,
            Clock clock, ServingMetrics metrics, int window) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
        this.store = Objects.requireNonNull(store, "store");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.models = Objects.requireNonNull(models, "models");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (window < 10) {
            throw new InvalidArgumentException("the monitoring window must hold at least 10 requests, got " + window);
        }
        this.window = window;
        this.monitoring = new Monitoring(this, Objects.requireNonNull(clock, "clock"));
        AtomicInteger threads = new AtomicInteger();
        this.shadowExecutor = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                r -> {
                    Thread t = new Thread(r, "model-registry-shadow-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Metrics, drift and alerts of the deployments serving in this process.
     *
     * @return the monitoring
     */
    public Monitoring monitoring() {
        return monitoring;
    }

    // ---------------------------------------------------------------- actions

    @Override
    public Deployment deploy(ModelRef version, String environment, DeploymentSpec spec) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(spec, "spec");
        Names.requireEnvironmentName(environment);
        Objects.requireNonNull(spec, "spec");
        ensureOpen();
        ModelVersion v = versions.get(version);
        ModelRef.Numbered numbered = new ModelRef.Numbered(v.model(), v.version());
        storage.verify(v.artifact());
        LiveEndpoint ep = live(environment);
        ep.actions.lock();
        LoadedModel model = null;
        boolean handedOver = false;
        try {
            ep.table(); // restore routing before changing it
            model = models.open(numbered);
            Predictor predictor = requirePredictor(model, numbered);
            Outcome outcome = store.update(environment, ch -> {
                List<Deployment> live = ch.live();
                Deployment stable = stableOf(live);
                Deployment candidate = candidateOf(live);
                if (stable == null || spec.strategy() == DeploymentStrategy.REPLACE) {
                    String why = "replaced by " + numbered;
                    if (candidate != null) {
                        ch.move(candidate, DeploymentState.RETIRED, 0, Optional.empty(), "retire", why);
                    }
                    if (stable != null) {
                        ch.move(stable, DeploymentState.RETIRED, 0, Optional.empty(), "retire", why);
                    }
                    Deployment created = ch.create(numbered, spec, DeploymentState.ACTIVE, 100,
                            Optional.ofNullable(stable), "deploy", spec.strategy().name().toLowerCase(Locale.ROOT));
                    return new Outcome(created, ch.live());
                }
                if (candidate != null) {
                    throw new IllegalTransitionException("environment '" + environment + "' already runs "
                            + candidate.version() + " as " + candidate.state() + " beside " + stable.version()
                            + "; promote or roll it back first");
                }
                if (stable.version().equals(numbered)) {
                    throw new IllegalTransitionException(numbered + " is already the stable version of '"
                            + environment + "'");
                }
                DeploymentState state = switch (spec.strategy()) {
                    case CANARY -> DeploymentState.CANARY;
                    case SHADOW -> DeploymentState.SHADOW;
                    default -> DeploymentState.PENDING;
                };
                Deployment created = ch.create(numbered, spec, state, spec.initialWeightPercent(), Optional.empty(),
                        "deploy", spec.strategy().name().toLowerCase(Locale.ROOT) + " beside " + stable.version());
                return new Outcome(created, ch.live());
            });
            Served served = serve(environment, outcome.subject(), model, predictor);
            handedOver = true;
            apply(ep, outcome.live(), Map.of(served.deploymentId, served));
            RoutingTable t = ep.table();
            if (t.stable() != null) {
                t.stable().monitor.markAnalysed();
            }
            LOG.info("deployed {} to {} as {}", numbered, environment, outcome.subject().state());
            return outcome.subject();
        } finally {
            if (!handedOver && model != null) {
                model.release();
            }
            ep.actions.unlock();
        }
    }

    @Override
    public Deployment promote(String environment) {
        Objects.requireNonNull(environment, "environment");
        return promote(environment, "manual");
    }

    private Deployment promote(String environment, String reason) {
        Outcome outcome = transition(environment, ch -> {
            List<Deployment> live = requireDeployed(environment, ch.live());
            Deployment stable = stableOf(live);
            Deployment candidate = candidateOf(live);
            if (candidate == null) {
                throw new IllegalTransitionException("environment '" + environment
                        + "' has no candidate to promote; it serves " + stable.version());
            }
            requireMove(candidate, DeploymentState.PROMOTED);
            ch.move(stable, DeploymentState.RETIRED, 0, Optional.empty(), "retire",
                    "replaced by promoted " + candidate.version());
            Deployment promoted = ch.move(candidate, DeploymentState.PROMOTED, 100, Optional.of(stable), "promote",
                    reason);
            return new Outcome(promoted, ch.live());
        });
        LOG.info("promoted {} in {}: {}", outcome.subject().version(), environment, reason);
        return outcome.subject();
    }

    @Override
    public Deployment setCanaryWeight(String environment, int percent) {
        Objects.requireNonNull(environment, "environment");
        return ramp(environment, percent, "manual");
    }

    private Deployment ramp(String environment, int percent, String reason) {
        if (percent < 1 || percent > 100) {
            throw new InvalidArgumentException("canary weight must be 1..100 percent, got " + percent);
        }
        Outcome outcome = transition(environment, ch -> {
            List<Deployment> live = requireDeployed(environment, ch.live());
            Deployment candidate = candidateOf(live);
            if (candidate == null || candidate.state() != DeploymentState.CANARY) {
                throw new IllegalTransitionException("environment '" + environment + "' runs no canary");
            }
            Deployment moved = ch.move(candidate, DeploymentState.CANARY, percent, Optional.empty(), "ramp",
                    "weight " + candidate.weightPercent() + "% -> " + percent + "%: " + reason);
            return new Outcome(moved, ch.live());
        });
        return outcome.subject();
    }

    @Override
    public Deployment rollback(String environment, String reason) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(reason, "reason");
        LiveEndpoint ep = live(environment);
        ep.actions.lock();
        LoadedModel[] restoredModel = new LoadedModel[1];
        boolean handedOver = false;
        try {
            ep.table();
            // Plan, then load (and verify) the version to restore before the transaction: if loading fails,
            // nothing changes. The transaction checks the plan still holds.
            Optional<Deployment> planned = store.update(environment, ch -> {
                List<Deployment> live = ch.live();
                Deployment stable = stableOf(live);
                return stable == null || candidateOf(live) != null ? Optional.<Deployment>empty()
                        : ch.previousStable(stable);
            });
            if (planned.isPresent()) {
                restoredModel[0] = models.open(planned.get().version());
                requirePredictor(restoredModel[0], planned.get().version());
            }
            Outcome outcome = store.update(environment, ch -> {
                List<Deployment> live = requireDeployed(environment, ch.live());
                Deployment stable = stableOf(live);
                Deployment candidate = candidateOf(live);
                if (candidate != null) {
                    ch.move(candidate, DeploymentState.ROLLED_BACK, 0, Optional.empty(), "rollback", reason);
                    return new Outcome(stable, ch.live());
                }
                Deployment previous = ch.previousStable(stable).orElseThrow(() -> new IllegalTransitionException(
                        "environment '" + environment + "' has no candidate and no stable version before "
                                + stable.version() + " to roll back to"));
                if (planned.isEmpty() || planned.get().id() != previous.id()) {
                    throw new dev.modelregistry.api.ConflictException("environment '" + environment
                            + "' changed during the rollback; retry");
                }
                ch.move(stable, DeploymentState.ROLLED_BACK, 0, Optional.empty(), "rollback", reason);
                Deployment restored = ch.create(previous.version(), DeploymentSpec.replace(), DeploymentState.ACTIVE,
                        100, ch.previousStable(previous), "restore", "rollback of " + stable.version() + ": " + reason);
                return new Outcome(restored, ch.live());
            });
            Map<Long, Served> preloaded = new HashMap<>();
            if (restoredModel[0] != null) {
                Served s = serve(environment, outcome.subject(), restoredModel[0],
                        restoredModel[0].predictor().orElseThrow());
                preloaded.put(s.deploymentId, s);
            }
            handedOver = true;
            apply(ep, outcome.live(), preloaded);
            LOG.info("rolled back {}: {} serves ({})", environment, outcome.subject().version(), reason);
            return outcome.subject();
        } finally {
            if (!handedOver && restoredModel[0] != null) {
                restoredModel[0].release();
            }
            ep.actions.unlock();
        }
    }

    @Override
    public void undeploy(String environment) {
        Objects.requireNonNull(environment, "environment");
        transition(environment, ch -> {
            List<Deployment> live = requireDeployed(environment, ch.live());
            for (int i = live.size() - 1; i >= 0; i--) {
                ch.move(live.get(i), DeploymentState.RETIRED, 0, Optional.empty(), "undeploy", "undeployed");
            }
            return new Outcome(null, ch.live());
        });
        LOG.info("undeployed {}", environment);
    }

    /**
     * The shape of every action that loads no model: under the environment's action lock, restore its
     * routing, change the store in one transaction, then swap in the routing the store now describes.
     */
    private Outcome transition(String environment, DeploymentStore.Update<Outcome> change) {
        LiveEndpoint ep = live(environment);
        ep.actions.lock();
        try {
            ep.table();
            Outcome outcome = store.update(environment, change);
            apply(ep, outcome.live(), Map.of());
            return outcome;
        } finally {
            ep.actions.unlock();
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public List<Deployment> deployments() {
        List<Deployment> all = new ArrayList<>(store.live());
        all.sort(Comparator.comparing(Deployment::environment)
                .thenComparing(d -> d.state().isStable() ? 0 : 1)
                .thenComparingLong(Deployment::id));
        return List.copyOf(all);
    }

    @Override
    public List<Deployment> deployments(String environment) {
        Objects.requireNonNull(environment, "environment");
        Names.requireEnvironmentName(environment);
        return deployments().stream().filter(d -> d.environment().equals(environment)).toList();
    }

    @Override
    public List<DeploymentEvent> history(String environment) {
        Objects.requireNonNull(environment, "environment");
        Names.requireEnvironmentName(environment);
        return store.history(environment);
    }

    @Override
    public Endpoint endpoint(String environment) {
        Objects.requireNonNull(environment, "environment");
        return live(environment);
    }

    // ---------------------------------------------------------------- canary analysis

    @Override
    public CanaryVerdict analyze(String environment) {
        Objects.requireNonNull(environment, "environment");
        LiveEndpoint ep = live(environment);
        ep.actions.lock();
        try {
            RoutingTable t = ep.table();
            Deployment canary = t.candidateDeployment();
            if (canary == null || canary.state() != DeploymentState.CANARY || canary.spec().policy().isEmpty()) {
                return new CanaryVerdict(environment, CanaryVerdict.Decision.NOTHING_TO_ANALYZE,
                        "no canary with an analysis policy runs in '" + environment + "'");
            }
            CanaryPolicy policy = canary.spec().policy().get();
            VersionMonitor c = t.candidate().monitor;
            VersionMonitor s = t.stable().monitor;
            long cn = c.analysisRequests();
            long sn = s.analysisRequests();
            if (cn < policy.minRequests() || sn < policy.minRequests()) {
                return new CanaryVerdict(environment, CanaryVerdict.Decision.WAIT, String.format(Locale.ROOT,
                        "too few requests to judge: canary %d, stable %d, need %d each", cn, sn,
                        policy.minRequests()));
            }
            double canaryErrors = c.analysisErrors() / (double) cn;
            double stableErrors = s.analysisErrors() / (double) sn;
            VersionMonitor.Window cw = c.window();
            VersionMonitor.Window sw = s.window();
            double cp95 = cw.latencyPercentileNanos(0.95);
            double sp95 = sw.latencyPercentileNanos(0.95);
            double latencyRatio = sp95 > 0 ? cp95 / sp95 : 1.0;
            double psi = Drift.psi(sw.predictions(), cw.predictions());
            String numbers = String.format(Locale.ROOT,
                    "error rate %.4f vs stable %.4f (max +%.4f), p95 latency ratio %.2f (max %.2f),"
                            + " prediction PSI %.4f (max %.4f), %d/%d requests",
                    canaryErrors, stableErrors, policy.maxErrorRateDelta(), latencyRatio, policy.maxLatencyRatio(),
                    psi, policy.maxPredictionPsi(), cn, sn);
            String failed = canaryErrors - stableErrors > policy.maxErrorRateDelta() ? "error rate"
                    : latencyRatio > policy.maxLatencyRatio() ? "latency"
                    : psi > policy.maxPredictionPsi() ? "prediction drift" : null;
            if (failed != null) {
                rollback(environment, "canary analysis failed on " + failed + ": " + numbers);
                return new CanaryVerdict(environment, CanaryVerdict.Decision.ROLLBACK,
                        "failed on " + failed + ": " + numbers);
            }
            List<Integer> steps = canary.spec().stepsPercent();
            Optional<Integer> next = steps.stream().filter(w -> w > canary.weightPercent()).findFirst();
            if (next.isPresent()) {
                ramp(environment, next.get(), "canary analysis passed: " + numbers);
                c.markAnalysed();
                s.markAnalysed();
                return new CanaryVerdict(environment, CanaryVerdict.Decision.STEP_UP,
                        "to " + next.get() + "%: " + numbers);
            }
            promote(environment, "canary analysis passed: " + numbers);
            return new CanaryVerdict(environment, CanaryVerdict.Decision.PROMOTE, numbers);
        } finally {
            ep.actions.unlock();
        }
    }

    /**
     * Runs canary analysis and the monitoring rules of every environment used in this process at a fixed
     * rate on a daemon thread, until the deployer is closed. Failures are logged and do not stop the
     * schedule. Calling it again replaces the schedule.
     *
     * @param every the period, positive
     * @throws InvalidArgumentException if the period is not positive
     */
    public synchronized void scheduleChecks(Duration every) {
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new InvalidArgumentException("the check period must be positive, got " + every);
        }
        ensureOpen();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-registry-deployment-checks");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::checkAll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkAll() {
        for (String environment : endpoints.keySet()) {
            try {
                analyze(environment);
                monitoring.check(environment);
            } catch (RuntimeException e) {
                LOG.warn("scheduled checks of {} failed", environment, e);
            }
        }
    }

    /** Stops the schedule and shadow scoring and releases every model copy once its requests finished. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        shadowExecutor.shutdown();
        for (LiveEndpoint ep : endpoints.values()) {
            ep.actions.lock();
            try {
                if (ep.loadedTable() != null) {
                    ep.swap(RoutingTable.empty(ep.environment()));
                }
            } finally {
                ep.actions.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- internals

    /** A transaction's subject and the environment's live deployments after it. */
    private record Outcome(Deployment subject, List<Deployment> live) {
    }

    /** The table of an environment, loading it. */
    RoutingTable table(String environment) {
        return live(environment).table();
    }

    private LiveEndpoint live(String environment) {
        Names.requireEnvironmentName(environment);
        return endpoints.computeIfAbsent(environment, e -> new LiveEndpoint(e, this::load, shadowExecutor,
                () -> closed));
    }

    private RoutingTable load(LiveEndpoint ep) {
        ensureOpen();
        List<Deployment> live = store.live().stream().filter(d -> d.environment().equals(ep.environment())).toList();
        return build(ep.environment(), live, Map.of(), Map.of());
    }

    /** Builds and swaps in the table for the live deployments. Call holding the endpoint's lock. */
    private void apply(LiveEndpoint ep, List<Deployment> live, Map<Long, Served> preloaded) {
        RoutingTable current = ep.table();
        Map<Long, Served> reuse = new HashMap<>();
        for (Served s : current.served()) {
            reuse.put(s.deploymentId, s);
        }
        ep.swap(build(ep.environment(), live, reuse, preloaded));
    }

    private RoutingTable build(String environment, List<Deployment> live, Map<Long, Served> reuse,
            Map<Long, Served> preloaded) {
        Deployment stable = stableOf(live);
        Deployment candidate = candidateOf(live);
        if (stable == null) {
            return RoutingTable.empty(environment);
        }
        Served s = servedFor(environment, stable, reuse, preloaded);
        Served c = candidate == null ? null : servedFor(environment, candidate, reuse, preloaded);
        return new RoutingTable(environment, s, stable, c, candidate);
    }

    private Served servedFor(String environment, Deployment d, Map<Long, Served> reuse, Map<Long, Served> preloaded) {
        Served s = reuse.get(d.id());
        if (s == null) {
            s = preloaded.get(d.id());
        }
        if (s == null) {
            LoadedModel model = models.open(d.version());
            try {
                s = serve(environment, d, model, requirePredictor(model, d.version()));
            } catch (RuntimeException e) {
                model.release();
                throw e;
            }
        }
        return s;
    }

    private Served serve(String environment, Deployment d, LoadedModel model, Predictor predictor) {
        VersionMonitor monitor = new VersionMonitor(environment, d.id(), d.version(), window,
                metrics.recorder(environment, d.version()));
        return new Served(d.id(), d.version(), model, predictor, monitor);
    }

    private static Predictor requirePredictor(LoadedModel model, ModelRef.Numbered version) {
        return model.predictor().orElseThrow(() -> new InvalidArgumentException("cannot deploy " + version
                + ": its format '" + model.version().metadata().formatId() + "' does not predict"));
    }

    private static Deployment stableOf(List<Deployment> live) {
        return live.stream().filter(d -> d.state().isStable()).findFirst().orElse(null);
    }

    private static Deployment candidateOf(List<Deployment> live) {
        return live.stream().filter(d -> d.state().isCandidate()).findFirst().orElse(null);
    }

    private static List<Deployment> requireDeployed(String environment, List<Deployment> live) {
        if (live.isEmpty()) {
            throw new DeploymentNotFoundException("nothing is deployed in environment '" + environment + "'");
        }
        return live;
    }

    private static void requireMove(Deployment d, DeploymentState to) {
        if (!d.state().canMoveTo(to)) {
            throw new IllegalTransitionException("deployment " + d.id() + " (" + d.version() + ") cannot move from "
                    + d.state() + " to " + to);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new dev.modelregistry.api.RegistryClosedException("the deployer is closed");
        }
    }
}
