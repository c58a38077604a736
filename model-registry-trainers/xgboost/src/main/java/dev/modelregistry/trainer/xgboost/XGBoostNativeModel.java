package dev.modelregistry.trainer.xgboost;

import dev.modelregistry.api.training.NativeModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An xgboost booster behind the {@link NativeModel} interface. Each prediction call runs on the
 * caller's thread only (xgboost's {@code nthread} is 1), whatever thread count trained the model.
 *
 * <p>Thread-safe: predictions run concurrently (xgboost's prediction keeps its buffers per thread).
 * {@link #close()} frees the booster exactly once; it waits for predictions in flight instead of
 * freeing memory under them, and every call after it throws {@link IllegalStateException}.
 */
final class XGBoostNativeModel implements NativeModel {
    /** xgboost's name for its Universal Binary JSON model format. */
    static final String SAVE_FORMAT = "ubj";

    /** xgboost's own attribute for the kept iteration, 0-based as its other bindings read it. */
    private static final String BEST_ITERATION_ATTR = "best_iteration";

    private final Booster booster;
    private final int featureCount;
    private final Optional<Integer> bestIteration;
    private final long sizeBytes;
    private final AtomicBoolean closed = new AtomicBoolean();
    // Read lock: native calls on the booster; write lock: disposing it. A use-after-free in native
    // code would crash the JVM, so close() must not overlap a call even if a caller breaks the contract.
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * Wraps a booster; the model owns it from now on.
     *
     * @param booster the booster
     * @param featureCount the width it was trained on
     * @param bestIteration the iteration early stopping kept, from 1
     * @param sizeBytes its serialized size
     * @throws XGBoostError if xgboost refuses the prediction settings; the caller still owns the booster
     */
    XGBoostNativeModel(Booster booster, int featureCount, Optional<Integer> bestIteration, long sizeBytes)
            throws XGBoostError {
        // One native thread per prediction: callers predict from many threads at once, and OpenMP
        // teams inside each call oversubscribe the cores (measured: 1-row predictions over 50x slower
        // with nthread=2 on a busy 2-core machine). Results do not depend on it: each row is summed in
        // tree order by one thread either way.
        Objects.requireNonNull(booster, "booster").setParam("nthread", 1);
        this.booster = booster;
        this.featureCount = featureCount;
        this.bestIteration = Objects.requireNonNull(bestIteration, "bestIteration");
        this.sizeBytes = sizeBytes;
    }

    /**
     * Records the kept iteration in the booster's attributes so it survives {@link #write}.
     *
     * @param booster the booster
     * @param bestIteration the iteration, from 1
     * @throws XGBoostError if xgboost fails
     */
    static void markBestIteration(Booster booster, int bestIteration) throws XGBoostError {
        booster.setAttr(BEST_ITERATION_ATTR, Integer.toString(bestIteration - 1));
    }

    /**
     * Reads the kept iteration back from the booster's attributes.
     *
     * @param booster the booster
     * @return the iteration from 1, if early stopping ran
     * @throws XGBoostError if xgboost fails
     */
    static Optional<Integer> bestIterationOf(Booster booster) throws XGBoostError {
        String value = booster.getAttr(BEST_ITERATION_ATTR);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.strip()) + 1);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The booster, for the training run that created this model.
     *
     * @return the booster
     */
    Booster booster() {
        return booster;
    }

    /**
     * How many features each row must have.
     *
     * @return the width
     */
    @Override
    public int featureCount() {
        return featureCount;
    }

    /**
     * Predicts one row: a value for regression, the probability of class 1 for binary classification.
     * NaN (and infinity) mean missing.
     *
     * @param features the row, {@link #featureCount()} wide
     * @return the prediction
     * @throws dev.modelregistry.api.InvalidArgumentException if the row has the wrong width
     * @throws IllegalStateException if the model is closed
     */
    @Override
    public double predict(double[] features) {
        Matrices.checkWidth(features, featureCount, 0);
        // A one-row DMatrix, not xgboost's in-place prediction (Booster.inplace_predict): in place measured
        // 1.2x slower for one row (JMH medians, xgboost4j 3.4.0, 5 features: 32.2 µs against 26.5 µs).
        float[] values = Matrices.values(features);
        return withBooster(b -> predict(b, values, 1)[0]);
    }

    /**
     * Predicts several rows in one native call.
     *
     * @param rows the rows, each {@link #featureCount()} wide
     * @return one prediction per row
     * @throws dev.modelregistry.api.InvalidArgumentException naming the first row of the wrong width
     * @throws IllegalStateException if the model is closed, or xgboost fails
     */
    @Override
    public double[] predictBatch(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        return withBooster(b -> {
            if (rows.length == 0) {
                return new double[0];
            }
            return predict(b, Matrices.values(rows, featureCount), rows.length);
        });
    }

    private double[] predict(Booster b, float[] values, int rows) throws XGBoostError {
        DMatrix m = new DMatrix(values, rows, featureCount, Float.NaN);
        try {
            float[][] raw = b.predict(m);
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i][0];
            }
            return out;
        } finally {
            m.dispose();
        }
    }

    /**
     * Writes the model in xgboost's UBJSON format, as {@code Booster.save_model("m.ubj")} would.
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     * @throws IllegalStateException if the model is closed
     */
    @Override
    public void write(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(withBooster(b -> b.toByteArray(SAVE_FORMAT)));
    }

    /**
     * The iteration early stopping kept.
     *
     * @return from 1; empty if early stopping did not run
     */
    @Override
    public Optional<Integer> bestIteration() {
        return bestIteration;
    }

    /**
     * Total gain per feature index, over the features used in some split.
     *
     * @return index to total gain, sorted by index; empty if no tree splits
     * @throws IllegalStateException if the model is closed
     */
    @Override
    public Map<Integer, Double> featureImportance() {
        Map<String, Double> byName = withBooster(b -> b.getScore("", "total_gain"));
        Map<Integer, Double> out = new TreeMap<>();
        // Models carry no feature names, so xgboost names features f0, f1, ... by column.
        byName.forEach((name, gain) -> {
            if (name.startsWith("f")) {
                try {
                    out.put(Integer.parseInt(name.substring(1)), gain);
                } catch (NumberFormatException e) {
                    // not a positional name; such a feature cannot be mapped to an index
                }
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * The size of the serialized model (UBJSON), as the estimate of the booster's native memory; nothing is
     * kept on the heap. xgboost reports no memory figure; measured RSS growth per booster loaded from UBJSON
     * was 0.85x its size at 100 trees and 0.90x at 400, so the estimate errs high.
     *
     * @return bytes
     */
    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Frees the booster. Idempotent; waits for predictions in flight. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lock.writeLock().lock();
            try {
                booster.dispose();
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    private <T> T withBooster(NativeCall<T> call) {
        lock.readLock().lock();
        try {
            if (closed.get()) {
                throw new IllegalStateException("the xgboost model is closed");
            }
            return call.apply(booster);
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost failed: " + TrainingRun.firstLine(e.getMessage()), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "XGBoostNativeModel[" + featureCount + " features" + bestIteration.map(i -> ", best " + i).orElse("")
                + (closed.get() ? ", closed" : "") + "]";
    }

    /** A call into xgboost that may fail. */
    @FunctionalInterface
    private interface NativeCall<T> {
        T apply(Booster booster) throws XGBoostError;
    }
}
