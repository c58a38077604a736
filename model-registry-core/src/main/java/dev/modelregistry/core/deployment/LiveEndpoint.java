package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.Prediction;
import dev.modelregistry.core.internal.metadata.OutcomeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The endpoint of one environment. Requests read the current {@link RoutingTable} without locking;
 * deployer actions build a new table under {@link #actions} and swap it in, then retire the copies
 * the new table no longer names (each is released after its last in-flight request). {@link #serve} and
 * {@link #serveBatch} issue a request id and hand the prediction (and a shadow's, once scored) to the
 * {@link OutcomeLog}, which writes it off the caller's thread; {@link #predict} and {@link #predictBatch}
 * issue no id and keep nothing. Thread-safe.
 */
final class LiveEndpoint implements Endpoint {
    private final String environment;
    private final AtomicReference<RoutingTable> table = new AtomicReference<>();
    /** Serialises this environment's deployer actions within the process. */
    final ReentrantLock actions = new ReentrantLock();
    private final Function<LiveEndpoint, RoutingTable> initialLoad;
    private final Executor shadowExecutor;
    private final LongAdder shadowDropped = new LongAdder();
    private final BooleanSupplier closed;
    private final OutcomeLog outcomes;

    LiveEndpoint(String environment, Function<LiveEndpoint, RoutingTable> initialLoad, Executor shadowExecutor,
            BooleanSupplier closed, OutcomeLog outcomes) {
        this.environment = environment;
        this.initialLoad = initialLoad;
        this.shadowExecutor = shadowExecutor;
        this.closed = closed;
        this.outcomes = outcomes;
    }

    @Override
    public String environment() {
        return environment;
    }

    /** The table now, loading it from the store on first use. */
    RoutingTable table() {
        RoutingTable t = table.get();
        if (t != null) {
            return t;
        }
        actions.lock();
        try {
            t = table.get();
            if (t == null) {
                t = initialLoad.apply(this);
                table.set(t);
            }
            return t;
        } finally {
            actions.unlock();
        }
    }

    /** The table if it was loaded, else null (does not load). */
    RoutingTable loadedTable() {
        return table.get();
    }

    /** Swaps in a new table and retires the copies it dropped. Call holding {@link #actions}. */
    void swap(RoutingTable next) {
        RoutingTable previous = table.getAndSet(next);
        if (previous != null) {
            for (Served s : previous.served()) {
                if (!next.served().contains(s)) {
                    s.retire();
                }
            }
        }
    }

    @Override
    public Prediction serve(double[] features, String routingKey) {
        return answer(features, routingKey, true);
    }

    @Override
    public double predict(double[] features, String routingKey) {
        return answer(features, routingKey, false).value();
    }

    /** Routes and predicts; with {@code keep}, issues a request id and queues the prediction for outcomes. */
    private Prediction answer(double[] features, String routingKey, boolean keep) {
        Objects.requireNonNull(features, "features");
        for (;;) {
            RoutingTable t = table();
            requireServing(t);
            boolean canary = t.toCanary(routingKey);
            Served s = canary ? t.candidate() : t.stable();
            if (!s.acquire()) {
                continue; // retired meanwhile: the table has been swapped, read it again
            }
            double y;
            try {
                y = s.predict(features);
            } finally {
                s.release();
            }
            String id = NO_ID;
            if (keep) {
                id = outcomes.nextId();
                outcomes.add(new OutcomeStore.Served(id, s.deploymentId, canary ? OutcomeStore.CANARY : OutcomeStore.STABLE, routingKey, y,
                        outcomes.nowMillis()));
            }
            Served shadow = t.shadow();
            if (shadow != null) {
                shadow(shadow, features.clone(), keep ? id : null, routingKey);
            }
            return new Prediction(id, y, s.version, canary);
        }
    }

    /** The request id of an answer that keeps nothing ({@link #predict}); never returned to a caller. */
    private static final String NO_ID = "";

    private void shadow(Served shadow, double[] row, String requestId, String routingKey) {
        try {
            shadowExecutor.execute(() -> {
                if (!shadow.acquire()) {
                    return;
                }
                try {
                    double y = shadow.predict(row);
                    if (requestId != null) {
                        outcomes.add(new OutcomeStore.Served(requestId, shadow.deploymentId, OutcomeStore.SHADOW, routingKey, y,
                                outcomes.nowMillis()));
                    }
                } catch (RuntimeException e) {
                    // recorded as an error by predict; never reaches the caller
                } finally {
                    shadow.release();
                }
            });
        } catch (RejectedExecutionException e) {
            shadowDropped.increment();
        }
    }

    /**
     * Shadow requests dropped because the shadow executor was saturated or shut down.
     *
     * @return the count
     */
    long shadowDropped() {
        return shadowDropped.sum();
    }

    @Override
    public double[] predictBatch(double[][] rows, String[] routingKeys) {
        requireBatch(rows, routingKeys);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predict(rows[i], routingKeys[i]);
        }
        return out;
    }

    @Override
    public List<Prediction> serveBatch(double[][] rows, String[] routingKeys) {
        requireBatch(rows, routingKeys);
        List<Prediction> out = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            out.add(serve(rows[i], routingKeys[i]));
        }
        return List.copyOf(out);
    }

    private static void requireBatch(double[][] rows, String[] routingKeys) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(routingKeys, "routingKeys");
        if (rows.length != routingKeys.length) {
            throw new InvalidArgumentException("got " + rows.length + " rows but " + routingKeys.length
                    + " routing keys");
        }
    }

    @Override
    public ModelRef.Numbered route(String routingKey) {
        Objects.requireNonNull(routingKey, "routingKey");
        RoutingTable t = table();
        requireServing(t);
        return t.toCanary(routingKey) ? t.candidate().version : t.stable().version;
    }

    private void requireServing(RoutingTable t) {
        if (t.isEmpty()) {
            if (closed.getAsBoolean()) {
                throw new RegistryClosedException("the registry is closed; endpoint '" + environment
                        + "' serves no more");
            }
            throw new DeploymentNotFoundException("nothing is deployed in environment '" + environment + "'");
        }
    }

    @Override
    public String toString() {
        return "Endpoint[" + environment + "]";
    }
}
