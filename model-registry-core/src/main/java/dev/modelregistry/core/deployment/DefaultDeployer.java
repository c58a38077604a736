package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.DeploymentStrategy;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.monitoring.Monitoring;
import dev.modelregistry.api.monitoring.ServingMetrics;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.version.VersionManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.modelregistry.core.internal.metadata.DeploymentStore;
import dev.modelregistry.core.internal.metadata.HostMetricsStore;
import dev.modelregistry.core.internal.metadata.OutcomeStore;
import dev.modelregistry.core.internal.loading.ModelSource;

/**
 * The registry's {@link Deployer}: deployments and history in a {@link DeploymentStore} (the registry
 * database), one {@link Endpoint} per environment serving private model copies, a {@link Monitoring} of
 * those endpoints, and automatic canary analysis on demand ({@link #analyze}) or on a schedule
 * ({@link #scheduleChecks}). The registry constructs it; a second metadata backend constructs it with its
 * own {@link DeploymentStore}.
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
 * nothing. Routing tables reflect this process's actions at once, and changes made by other processes or
 * hosts sharing the database as soon as PostgreSQL announces them, or once {@link #followChanges} next polls
 * (the registry polls every 500 ms).
 *
 * <h2>Evaluation gate</h2>
 * Environments can require a passing evaluation ({@code "production"} unless the constructor is given
 * others). Deploying into such an environment, or promoting its candidate, is refused with an
 * {@link dev.modelregistry.api.deployment.EvaluationGateException} when the version's stored evaluation
 * (document {@code evaluation}) is missing or recommends REJECT, or a champion-vs-challenger comparison
 * stored on it recommends REJECT; a refusal changes nothing. HOLD, CANARY and PROMOTE pass. A spec with
 * {@link DeploymentSpec#withEvaluationOverride(String)} goes ahead and writes an audit row
 * {@code deployment-evaluation-override} naming the actor, the version, the recommendation overridden and
 * the reason. Rollbacks restore what served before and are never gated. Automatic canary analysis that
 * would promote a refused candidate throws the refusal from {@link #analyze} and leaves the canary as is.
 *
 * <h2>Outcomes and live accuracy</h2>
 * Predictions served with a request id ({@link Endpoint#serve}, {@link Endpoint#serveBatch}) are kept in an
 * {@link OutcomeStore}, written in batches off the serving threads (on the scheduler, a fraction of a second
 * after serving; see {@link Monitoring#recordOutcome} for what survives a crash), so that outcomes recorded
 * later, also after a reopen, give live accuracy. Kept predictions are deleted once older than the retention
 * age or beyond its row count ({@link #DEFAULT_OUTCOME_MAX_AGE}, {@link #DEFAULT_OUTCOME_MAX_ROWS} unless
 * given), in batches.
 *
 * <h2>Threads and time</h2>
 * Shadow scoring runs on the {@link Executor} and scheduled checks on the
 * {@link ScheduledExecutorService} given to the constructor; alerts are stamped by its {@link Clock}. The
 * deployer never shuts the executors down: whoever created them does ({@link #newDefaultExecutor()} and
 * {@link #newDefaultScheduler()} make the registry's own).
 *
 * <p>Thread-safe.
 */
public final class DefaultDeployer implements Deployer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultDeployer.class);
    /** Requests kept in each deployment's sliding window. */
    public static final int DEFAULT_WINDOW = 1_000;
    /** How long served predictions are kept for their outcomes unless configured: 90 days. */
    public static final Duration DEFAULT_OUTCOME_MAX_AGE = OutcomeLog.DEFAULT_MAX_AGE;
    /** How many served predictions are kept for their outcomes at most unless configured: 5 million. */
    public static final long DEFAULT_OUTCOME_MAX_ROWS = OutcomeLog.DEFAULT_MAX_ROWS;

    private final DeploymentStore store;
    private final Endpoints endpoints;
    private final DeploymentActions actions;
    private final CanaryActor canary;
    private final DefaultMonitoring monitoring;
    private final OutcomeLog outcomeLog;
    private final HostMetricsPublisher hostMetrics;
    private final ScheduledExecutorService scheduler;
    /** The scheduled checks, if any; guarded by this. */
    private ScheduledFuture<?> checks;
    private final DeploymentFollower follower;
    /**
     * Guards the following state below. Not {@code this}: following starts from {@link Endpoints#live}, which
     * may run while another thread holds this deployer's monitor.
     */
    private final Object followLock = new Object();
    /** How often to poll for changes made elsewhere, once an endpoint exists; null when not asked to. */
    private Duration followEvery;
    /** The scheduled polls, once started; guarded by followLock. */
    private ScheduledFuture<?> following;
    /** The database's news of commits, once started; guarded by followLock. */
    private AutoCloseable listening;

    /**
     * Creates a deployer whose evaluation gate guards {@code "production"}. The registry does this; other
     * callers pass their own store and sources.
     *
     * @param store where deployments are kept
     * @param outcomes where predictions served with a request id and their outcomes are kept
     * @param hostMetrics where this process writes its monitoring counters for {@code Monitoring.aggregate}
     * @param versions resolves references, checks versions are live and holds their stored evaluations
     * @param storage verifies artifacts before a deployment
     * @param models opens private model copies for serving
     * @param clock stamps alerts, so that tests can move time for cool-downs
     * @param executor runs shadow scoring off the callers' threads; a rejected task drops that shadow row
     * @param scheduler runs {@link #scheduleChecks scheduled checks} and writes served predictions
     * @param metrics where requests are reported besides the snapshots ({@link ServingMetrics#NONE} for nowhere)
     * @param window how many recent requests each deployment's sliding window keeps, at least 10
     * @throws NullPointerException if an argument is null
     * @throws InvalidArgumentException if the window is too small
     */
    public DefaultDeployer(DeploymentStore store, OutcomeStore outcomes, HostMetricsStore hostMetrics,
            VersionManager versions, ModelStorage storage, ModelSource models, Clock clock, Executor executor,
            ScheduledExecutorService scheduler, ServingMetrics metrics, int window) {
        this(store, outcomes, hostMetrics, versions, storage, models, clock, executor, scheduler, metrics, window,
                EvaluationGate.DEFAULT_GUARDED, DEFAULT_OUTCOME_MAX_AGE, DEFAULT_OUTCOME_MAX_ROWS);
    }

    /**
     * Creates a deployer with its own set of environments that require a passing evaluation.
     *
     * @param store where deployments are kept
     * @param outcomes where predictions served with a request id and their outcomes are kept
     * @param hostMetrics where this process writes its monitoring counters for {@code Monitoring.aggregate}
     * @param versions resolves references, checks versions are live and holds their stored evaluations
     * @param storage verifies artifacts before a deployment
     * @param models opens private model copies for serving
     * @param clock stamps alerts and served predictions, so that tests can move time
     * @param executor runs shadow scoring off the callers' threads; a rejected task drops that shadow row
     * @param scheduler runs {@link #scheduleChecks scheduled checks} and writes served predictions
     * @param metrics where requests are reported besides the snapshots ({@link ServingMetrics#NONE} for nowhere)
     * @param window how many recent requests each deployment's sliding window keeps, at least 10
     * @param requirePassingEvaluation the environments that refuse a version whose evaluation is REJECT or
     *     missing, unless overridden; empty guards none
     * @param outcomeMaxAge how long served predictions are kept for their outcomes, positive
     * @param outcomeMaxRows how many served predictions are kept at most, at least 1
     * @throws NullPointerException if an argument is null
     * @throws InvalidArgumentException if the window is too small, an environment name is invalid or the
     *     retention is out of range
     */
    public DefaultDeployer(DeploymentStore store, OutcomeStore outcomes, HostMetricsStore hostMetrics,
            VersionManager versions, ModelStorage storage, ModelSource models, Clock clock, Executor executor,
            ScheduledExecutorService scheduler, ServingMetrics metrics, int window,
            Set<String> requirePassingEvaluation, Duration outcomeMaxAge, long outcomeMaxRows) {
        Objects.requireNonNull(requirePassingEvaluation, "requirePassingEvaluation");
        requirePassingEvaluation.forEach(Names::requireEnvironmentName);
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(executor, "executor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(metrics, "metrics");
        if (window < 10) {
            throw new InvalidArgumentException("the monitoring window must hold at least 10 requests, got " + window);
        }
        Objects.requireNonNull(outcomes, "outcomes");
        this.outcomeLog = new OutcomeLog(outcomes, clock, scheduler, outcomeMaxAge, outcomeMaxRows);
        this.endpoints = new Endpoints(store, models, metrics, window, executor, outcomeLog);
        this.actions = new DeploymentActions(store, versions, storage, endpoints,
                new EvaluationGate(requirePassingEvaluation));
        this.canary = new CanaryActor(endpoints, actions, outcomes);
        this.hostMetrics = new HostMetricsPublisher(Objects.requireNonNull(hostMetrics, "hostMetrics"), endpoints,
                clock, scheduler);
        this.monitoring = new DefaultMonitoring(endpoints, clock, outcomeLog, outcomes, versions, this.hostMetrics,
                hostMetrics);
        this.follower = new DeploymentFollower(store, endpoints);
        endpoints.onFirstEndpoint(() -> {
            startFollowing();
            this.hostMetrics.start();
        });
    }

    /**
     * The shadow executor the registry uses unless it is given one: up to two daemon threads and 10,000
     * queued rows; a shadow row that does not fit is dropped rather than slowing the caller. Threads start on
     * first use.
     *
     * @return a new executor that the caller owns and shuts down
     */
    public static ExecutorService newDefaultExecutor() {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "model-registry-shadow-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * The scheduler the registry uses unless it is given one: one daemon thread, started on first use.
     *
     * @return a new scheduler that the caller owns and shuts down
     */
    public static ScheduledExecutorService newDefaultScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-registry-deployment-checks");
            t.setDaemon(true);
            return t;
        });
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
        return actions.deploy(version, environment, spec);
    }

    @Override
    public Deployment promote(String environment) {
        Objects.requireNonNull(environment, "environment");
        return actions.promote(environment, "manual");
    }

    @Override
    public Deployment setCanaryWeight(String environment, int percent) {
        Objects.requireNonNull(environment, "environment");
        return actions.ramp(environment, percent, "manual");
    }

    @Override
    public Deployment rollback(String environment, String reason) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(reason, "reason");
        return actions.rollback(environment, reason);
    }

    @Override
    public void undeploy(String environment) {
        Objects.requireNonNull(environment, "environment");
        actions.undeploy(environment);
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
        return endpoints.live(environment);
    }

    // ---------------------------------------------------------------- canary analysis

    @Override
    public CanaryVerdict analyze(String environment) {
        Objects.requireNonNull(environment, "environment");
        return canary.analyze(environment);
    }

    @Override
    public CanaryVerdict assess(String environment) {
        Objects.requireNonNull(environment, "environment");
        Names.requireEnvironmentName(environment);
        return canary.assess(environment);
    }

    /**
     * {@inheritDoc} Each run also evaluates the {@link #monitoring() monitoring} rules of every environment,
     * on the scheduler this deployer was given.
     */
    @Override
    public synchronized void scheduleChecks(Duration every) {
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new InvalidArgumentException("the check period must be positive, got " + every);
        }
        endpoints.ensureOpen();
        if (checks != null) {
            checks.cancel(false);
        }
        long nanos = every.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : every.toNanos();
        checks = scheduler.scheduleAtFixedRate(this::checkAll, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Makes this process's endpoints follow deployment changes made by other processes on the same registry
     * directory, or by other hosts sharing its database: every {@code every}, one indexed query asks whether
     * any deployment changed; if one did, each endpoint in use here whose deployments differ swaps in a new
     * routing table (loading and verifying the new version first, as a deployment here does). Where the
     * database announces commits (PostgreSQL's LISTEN/NOTIFY, on a connection of its own), the same check
     * also runs as soon as the news arrives, and the schedule is the fallback for news lost while that
     * connection was down. A change made elsewhere thus serves here within the time to load the model, plus
     * {@code every} on a database that announces nothing (SQLite). Nothing runs until this process uses its
     * first endpoint. The registry calls this on open (every 500 ms unless its builder says otherwise).
     * Replaces an earlier schedule.
     *
     * @param every how often to ask, positive
     * @throws InvalidArgumentException if the period is not positive
     */
    public void followChanges(Duration every) {
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new InvalidArgumentException("the follow period must be positive, got " + every);
        }
        endpoints.ensureOpen();
        synchronized (followLock) {
            stopFollowing();
            followEvery = every;
        }
        if (!endpoints.environments().isEmpty()) {
            startFollowing();
        }
    }

    /** Starts the polls and the listening if asked to follow and not yet started; idempotent. */
    private void startFollowing() {
        synchronized (followLock) {
            if (followEvery == null || following != null || endpoints.isClosed()) {
                return;
            }
            long nanos = followEvery.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE
                    : followEvery.toNanos();
            following = scheduler.scheduleWithFixedDelay(follower::poll, nanos, nanos, TimeUnit.NANOSECONDS);
            listening = store.listen(follower::poll);
        }
    }

    /** Stops the polls and the listening; guarded by followLock. */
    private void stopFollowing() {
        if (following != null) {
            following.cancel(false);
            following = null;
        }
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception e) {
                LOG.warn("cannot stop listening for deployment changes: {}", e.getMessage(), e);
            }
            listening = null;
        }
    }

    private void checkAll() {
        for (String environment : endpoints.environments()) {
            try {
                analyze(environment);
                monitoring.check(environment);
            } catch (RuntimeException e) {
                LOG.warn("scheduled checks of {} failed", environment, e);
            }
        }
    }

    /** For tests: the log of served predictions (flush, retention). */
    OutcomeLog outcomeLog() {
        return outcomeLog;
    }

    /**
     * Cancels the scheduled checks, writes this process's monitoring counters one last time (marked closed,
     * for {@code Monitoring.aggregate} on other processes) and releases every model copy once its requests
     * finished; endpoints refuse from now on. Then writes the served predictions still queued; outcomes are refused from now
     * on. Leaves the executor and scheduler running (their owner shuts them down). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (checks != null) {
            checks.cancel(false);
            checks = null;
        }
        synchronized (followLock) {
            stopFollowing();
            followEvery = null;
        }
        hostMetrics.close(); // while the tables still hold their monitors
        endpoints.close();
        outcomeLog.close();
    }
}
