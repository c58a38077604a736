package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.training.Predictor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One deployment's reference to its model in an endpoint, with a lease count: a request leases it before
 * predicting; once retired (no longer in the routing table) the model is released when the last
 * lease ends. A lease attempted after retirement fails, and the request re-reads the routing table,
 * which by then no longer names this deployment. Thread-safe and lock-free.
 */
final class Served {
    final long deploymentId;
    final ModelRef.Numbered version;
    final LoadedModel model;
    final Predictor predictor;
    final VersionMonitor monitor;
    /** Set in {@link #state} once retired; the bits below count the leases held. */
    private static final int RETIRED = 1 << 30;
    /**
     * The lease count and the retired flag in one atomic word, so that "retired and no lease held" is
     * observed by exactly one transition: a lease is refused once the flag is set, and whoever moves the
     * word to exactly {@link #RETIRED} (the retirement with no lease, or the last release after it) frees
     * the model. (With a separate flag, a release could read a count of zero, a new lease start, and the
     * release then see the flag and free a model in use.)
     */
    private final AtomicInteger state = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    /** Reference predictions for drift, computed once per reference. */
    volatile Object referenceKey;
    volatile double[] referencePredictions;

    Served(long deploymentId, ModelRef.Numbered version, LoadedModel model, Predictor predictor,
            VersionMonitor monitor) {
        this.deploymentId = deploymentId;
        this.version = version;
        this.model = model;
        this.predictor = predictor;
        this.monitor = monitor;
    }

    /** Takes a lease; false if retired (the caller reads the routing table again). */
    boolean acquire() {
        for (;;) {
            int s = state.get();
            if ((s & RETIRED) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** Ends a lease taken by {@link #acquire()}; the last one after retirement frees the model. */
    void release() {
        if (state.decrementAndGet() == RETIRED) {
            free();
        }
    }

    /** Takes it out of service; the model is released once no lease is held. Idempotent. */
    void retire() {
        for (;;) {
            int s = state.get();
            if ((s & RETIRED) != 0) {
                return;
            }
            if (state.compareAndSet(s, s | RETIRED)) {
                if (s == 0) {
                    free();
                }
                return;
            }
        }
    }

    private void free() {
        if (released.compareAndSet(false, true)) {
            model.release();
        }
    }

    /** Predicts, recording latency, outcome, answer and row. Call with a lease held. */
    double predict(double[] row) {
        long start = System.nanoTime();
        double y;
        try {
            y = predictor.predict(row);
        } catch (RuntimeException e) {
            monitor.error(System.nanoTime() - start, row);
            throw e;
        }
        monitor.success(System.nanoTime() - start, y, row);
        return y;
    }
}
