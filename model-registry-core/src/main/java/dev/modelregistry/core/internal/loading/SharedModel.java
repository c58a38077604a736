package dev.modelregistry.core.internal.loading;

import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.version.ModelVersion;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One decoded model shared by everyone in this process who uses its version: the cache, each endpoint that
 * serves it, and each caller still holding what {@code load()} returned. Each holder owns one reference;
 * the model is {@linkplain LoadedModel#release() released} exactly once, by whoever drops the last one. So
 * evicting a model from the cache never frees it under an endpoint or a caller, and a version serves from
 * one copy however many endpoints and callers use it.
 *
 * <p>References are taken with {@link #tryAcquire()}, which fails once the count reached zero (the model is
 * then being released, and the caller decodes a fresh copy). Callers of {@code load()} get a
 * {@linkplain #held() held view}, whose reference is dropped by a {@link Cleaner} once the view is
 * unreachable, so they never have to close anything. Thread-safe.
 */
final class SharedModel {
    /** One daemon thread for the whole JVM, dropping the references of views nobody holds any more. */
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "model-registry-model-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    private final LoadedModel model;
    private final Consumer<SharedModel> onReleased;
    /** Holders; the model is released when it drops to zero, and it never rises again from zero. */
    private final AtomicInteger references = new AtomicInteger();
    /** The view handed to {@code load()} callers; weak, so that only callers keep it (and its reference). */
    private volatile WeakReference<Held> held = new WeakReference<>(null);

    /**
     * Wraps a freshly decoded model.
     *
     * @param model the model
     * @param references the references its creator owns (at least 1)
     * @param onReleased runs once with this, after the model was released (to forget it)
     */
    SharedModel(LoadedModel model, int references, Consumer<SharedModel> onReleased) {
        this.model = model;
        this.references.set(references);
        this.onReleased = onReleased;
    }

    LoadedModel model() {
        return model;
    }

    /** Takes {@code count} more references; false if the last one was already dropped (the model is gone). */
    boolean tryAcquire(int count) {
        int n;
        do {
            n = references.get();
            if (n == 0) {
                return false;
            }
        } while (!references.compareAndSet(n, n + count));
        return true;
    }

    /** Drops one reference; the last one releases the model. */
    void dropReference() {
        int left = references.decrementAndGet();
        if (left == 0) {
            try {
                model.release();
            } finally {
                onReleased.accept(this);
            }
        } else if (left < 0) {
            throw new IllegalStateException("reference count of " + model.version().ref() + " below zero");
        }
    }

    /** The number of holders now, for tests and statistics. */
    int references() {
        return references.get();
    }

    /**
     * The view handed to {@code load()} callers if one is reachable now. Being reachable, it holds its
     * reference, so the model is not released while the caller uses it; no atomic operation is needed.
     *
     * @return the view, or null if there is none (never made, or no longer reachable)
     */
    LoadedModel existingView() {
        return held.get();
    }

    /**
     * The view for {@code load()} callers, holding one reference until it is unreachable. The caller owns one
     * reference, which this takes over: it becomes the view's, or is dropped if a view already exists.
     */
    LoadedModel viewTakingReference() {
        Held view;
        synchronized (this) {
            view = held.get();
            if (view == null) {
                view = new Held(model);
                CLEANER.register(view, this::dropReference);
                held = new WeakReference<>(view);
                return view;
            }
        }
        dropReference(); // never the last: the existing view holds one, and the local variable keeps it reachable
        return view;
    }

    /**
     * A model owned by one endpoint, taking over a reference the caller owns: its {@link LoadedModel#release()}
     * drops that reference, once; everything else is the shared model's.
     */
    LoadedModel owned() {
        return new Owned(this);
    }

    /** What {@code load()} returns: the shared model, kept alive by being reachable. */
    private static final class Held implements LoadedModel {
        private final LoadedModel model;
        private final Optional<Predictor> predictor;

        Held(LoadedModel model) {
            this.model = model;
            // The predictor keeps this view reachable while a caller holds only the predictor.
            this.predictor = model.predictor().map(p -> new HeldPredictor(p, this));
        }

        @Override
        public ModelVersion version() {
            return model.version();
        }

        @Override
        public long weightBytes() {
            return model.weightBytes();
        }

        @Override
        public Optional<Predictor> predictor() {
            return predictor;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            try {
                return model.unwrap(type);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        /** Does nothing: the model is released once no holder is left (see {@link SharedModel}). */
        @Override
        public void release() {
        }

        @Override
        public String toString() {
            return "LoadedModel[" + model.version().ref() + "]";
        }
    }

    /** A predictor that keeps its {@link Held} view, and so the model, reachable while it predicts. */
    private static final class HeldPredictor implements Predictor {
        private final Predictor predictor;
        private final Held owner;

        HeldPredictor(Predictor predictor, Held owner) {
            this.predictor = predictor;
            this.owner = owner;
        }

        @Override
        public double predict(double[] features) {
            try {
                return predictor.predict(features);
            } finally {
                Reference.reachabilityFence(owner);
            }
        }
    }

    /** An endpoint's reference; released by the endpoint once no request uses it. */
    private static final class Owned implements LoadedModel {
        private final SharedModel shared;
        private final AtomicBoolean released = new AtomicBoolean();

        Owned(SharedModel shared) {
            this.shared = shared;
        }

        @Override
        public ModelVersion version() {
            return shared.model.version();
        }

        @Override
        public long weightBytes() {
            return shared.model.weightBytes();
        }

        @Override
        public Optional<Predictor> predictor() {
            return shared.model.predictor();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return shared.model.unwrap(type);
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                shared.dropReference();
            }
        }
    }
}
