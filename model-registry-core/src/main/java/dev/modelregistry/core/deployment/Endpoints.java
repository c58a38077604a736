package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.monitoring.ServingMetrics;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.training.Predictor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import dev.modelregistry.core.internal.metadata.DeploymentStore;
import dev.modelregistry.core.internal.loading.ModelSource;

/**
 * Routing and model loading: one {@link LiveEndpoint} per environment used in this process, the routing
 * tables they serve from, and the private model copies ({@link Served}) those tables name. Builds a table
 * from an environment's live deployments, reusing the copies the current table already serves and loading
 * the others. Knows nothing of transitions or canary analysis. Thread-safe.
 */
final class Endpoints {
    private final DeploymentStore store;
    private final ModelSource models;
    private final ServingMetrics metrics;
    private final int window;
    private final Executor shadowExecutor;
    private final ConcurrentHashMap<String, LiveEndpoint> endpoints = new ConcurrentHashMap<>();
    private final OutcomeLog outcomes;
    private volatile boolean closed;
    /** Runs after the first endpoint of this process was created (the deployer starts following then). */
    private volatile Runnable firstEndpoint = () -> { };

    Endpoints(DeploymentStore store, ModelSource models, ServingMetrics metrics, int window, Executor shadowExecutor,
            OutcomeLog outcomes) {
        this.outcomes = outcomes;
        this.store = store;
        this.models = models;
        this.metrics = metrics;
        this.window = window;
        this.shadowExecutor = shadowExecutor;
    }

    /** The endpoint of an environment, created on first use. */
    LiveEndpoint live(String environment) {
        Names.requireEnvironmentName(environment);
        LiveEndpoint ep = endpoints.get(environment);
        if (ep != null) {
            return ep;
        }
        ep = endpoints.computeIfAbsent(environment, e -> new LiveEndpoint(e, this::load, shadowExecutor,
                () -> closed, outcomes));
        firstEndpoint.run(); // cheap and idempotent, so a race of two first endpoints is harmless
        return ep;
    }

    /** Sets what runs once the first endpoint exists (and on later creations; it must be idempotent). */
    void onFirstEndpoint(Runnable action) {
        this.firstEndpoint = action;
    }

    /** The routing table of an environment, loading it from the store on first use. */
    RoutingTable table(String environment) {
        return live(environment).table();
    }

    /**
     * The routing table of an environment if this process has loaded it, else null. Never loads a model, so a
     * read-only look (canary assessment) costs nothing where this process serves nothing.
     */
    RoutingTable loadedTable(String environment) {
        LiveEndpoint ep = endpoints.get(environment);
        return ep == null ? null : ep.loadedTable();
    }

    /** The deployments serving an environment as stored, without loading any model. */
    List<Deployment> storedLive(String environment) {
        ensureOpen();
        return store.live(environment);
    }

    /** The environments used in this process so far. */
    Set<String> environments() {
        return Set.copyOf(endpoints.keySet());
    }

    private RoutingTable load(LiveEndpoint ep) {
        ensureOpen();
        return build(ep.environment(), store.live(ep.environment()), Map.of(), Map.of());
    }

    /**
     * Builds and swaps in the table for an environment's live deployments, reusing the copies the current
     * table serves, then those preloaded, and loading the rest. Call holding the endpoint's action lock.
     */
    void apply(LiveEndpoint ep, List<Deployment> live, Map<Long, Served> preloaded) {
        RoutingTable current = ep.table();
        Map<Long, Served> reuse = new HashMap<>();
        for (Served s : current.served()) {
            reuse.put(s.deploymentId, s);
        }
        ep.swap(build(ep.environment(), live, reuse, preloaded));
    }

    private RoutingTable build(String environment, List<Deployment> live, Map<Long, Served> reuse,
            Map<Long, Served> preloaded) {
        Deployment stable = Transitions.stableOf(live);
        Deployment candidate = Transitions.candidateOf(live);
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

    /**
     * The deployments that serve in this process now, over every environment whose table is loaded,
     * without loading any. Works after {@link #close} too (then it is empty).
     */
    List<Served> servedNow() {
        List<Served> out = new ArrayList<>();
        for (LiveEndpoint ep : endpoints.values()) {
            RoutingTable t = ep.loadedTable();
            if (t != null) {
                out.addAll(t.served());
            }
        }
        return out;
    }

    /** Opens a reference to a version's model; the caller releases it unless it hands it to {@link #serve}. */
    LoadedModel open(ModelRef.Numbered version) {
        return models.open(version);
    }

    /** Wraps a loaded copy for serving a deployment, with a fresh monitor. */
    Served serve(String environment, Deployment d, LoadedModel model, Predictor predictor) {
        VersionMonitor monitor = new VersionMonitor(environment, d.id(), d.version(), window,
                metrics.recorder(environment, d.version()));
        return new Served(d.id(), d.version(), model, predictor, monitor);
    }

    /** The copy's predictor; refuses a model whose format does not predict. */
    static Predictor requirePredictor(LoadedModel model, ModelRef.Numbered version) {
        return model.predictor().orElseThrow(() -> new InvalidArgumentException("cannot deploy " + version
                + ": its format '" + model.version().metadata().formatId() + "' does not predict"));
    }

    boolean isClosed() {
        return closed;
    }

    void ensureOpen() {
        if (closed) {
            throw new RegistryClosedException("the deployer is closed");
        }
    }

    /**
     * Stops serving: every loaded table is swapped for an empty one, so each copy is released once its
     * in-flight requests finished, and endpoints refuse from now on. Idempotent.
     */
    void close() {
        closed = true;
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
}
