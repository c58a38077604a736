package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.Prediction;
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
 * the new table no longer names (each is released after its last in-flight request). Thread-safe.
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

    LiveEndpoint(String environment, Function<LiveEndpoint, RoutingTable> initialLoad, Executor shadowExecutor,
            BooleanSupplier closed) {
        this.environment = environment;
        this.initialLoad = initialLoad;
        this.shadowExecutor = shadowExecutor;
        this.closed = closed;
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
            Served shadow = t.shadow();
            if (shadow != null) {
                shadow(shadow, features.clone());
            }
            return new Prediction(y, s.version, canary);
        }
    }

    private void shadow(Served shadow, double[] row) {
        try {
            shadowExecutor.execute(() -> {
                if (!shadow.acquire()) {
                    return;
                }
                try {
                    shadow.predict(row);
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
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(routingKeys, "routingKeys");
        if (rows.length != routingKeys.length) {
            throw new InvalidArgumentException("got " + rows.length + " rows but " + routingKeys.length
                    + " routing keys");
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = serve(rows[i], routingKeys[i]).value();
        }
        return out;
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
