package dev.modelregistry.trainer.lightgbm;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.NativeModel;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A LightGBM model loaded from LightGBM's model text, which it keeps so that {@link #write} returns
 * exactly the bytes it was built from.
 *
 * <p>Thread-safe, and predictions scale with cores. What LightGBM 4.3 guarantees: a single-row
 * prediction takes a unique lock on its booster ({@code Booster::PredictSingleRow} in
 * {@code c_api.cpp}), so one booster answers one row at a time however many threads call it; a batch
 * prediction takes a shared lock but builds a {@code Predictor} whose constructor writes the booster's
 * prediction range ({@code GBDT::InitPredict}), so two batches on one booster race. This class
 * therefore never runs two native calls on one booster: it keeps up to one booster per processor (a
 * "lane", each parsed from the same model text, each with its own single-row {@code FastConfig}),
 * and a caller takes an idle lane, creating one when all are busy and fewer than the processor
 * count exist. One thread uses one lane; each extra lane costs one more native copy of the trees,
 * made only when predictions actually overlap. Answers do not depend on the lane: every lane holds
 * the same trees (tested bit for bit against the batch path, from 4 threads).
 *
 * <p>{@link #close()} frees every lane exactly once, after the predictions in flight; predicting after
 * it throws {@link IllegalStateException}.
 */
final class LightGbmNativeModel implements NativeModel {
    /*
     * C_API_DTYPE_FLOAT64 and C_API_PREDICT_NORMAL from c_api.h, as literals: SWIG's constants are native
     * getters, and reading them in this class's initialiser, before lightgbm4j has loaded the library,
     * would fail the class for good (NoClassDefFoundError on every later use).
     */
    private static final int FLOAT64 = 1;
    private static final int NORMAL = 0;

    private final byte[] modelText;
    private final int featureCount;
    private final Optional<Integer> bestIteration;
    private final Map<Integer, Double> featureImportance;
    private final int maxLanes;
    /** Lanes by index; a slot is null while its lane is in use (or before it is made). */
    private final AtomicReferenceArray<Lane> idle;
    /** Every lane made, by index, for close(). */
    private final AtomicReferenceArray<Lane> made;
    private final AtomicInteger created = new AtomicInteger();
    /** One permit per lane that may exist: a holder is sure to find an idle lane or room for a new one. */
    private final Semaphore permits;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LightGbmNativeModel(String text, Lane first, int featureCount, Optional<Integer> bestIteration,
            Map<Integer, Double> featureImportance, int maxLanes) {
        this.modelText = text.getBytes(StandardCharsets.UTF_8);
        this.featureCount = featureCount;
        this.bestIteration = bestIteration;
        this.featureImportance = featureImportance;
        this.maxLanes = maxLanes;
        this.idle = new AtomicReferenceArray<>(maxLanes);
        this.made = new AtomicReferenceArray<>(maxLanes);
        this.permits = new Semaphore(maxLanes);
        idle.set(0, first);
        made.set(0, first);
        created.set(1);
    }

    /**
     * Loads a model from LightGBM text.
     *
     * @param text the model text
     * @param bestIteration the iteration early stopping kept, if it ran
     * @return the model; the caller closes it
     * @throws LGBMException if LightGBM cannot parse the text
     */
    static LightGbmNativeModel load(String text, Optional<Integer> bestIteration) throws LGBMException {
        return load(text, bestIteration, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #load(String, Optional)}, with at most {@code maxLanes} boosters (tests ask for more than the cores). */
    static LightGbmNativeModel load(String text, Optional<Integer> bestIteration, int maxLanes) throws LGBMException {
        if (maxLanes < 1) {
            throw new IllegalArgumentException("maxLanes must be at least 1, got " + maxLanes);
        }
        LightGbmNativeLibrary.ensureLoaded(); // before lightgbm4j's own loader can write to the shared temp dir
        int width;
        Map<Integer, Double> importance = new TreeMap<>();
        // lightgbm4j's booster loads the native library and reads what the model reports about itself;
        // predictions then run on lanes of our own (see the class comment).
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(text)) {
            width = booster.getNumFeature();
            double[] gains = booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN); // 0: all trees
            for (int i = 0; i < gains.length; i++) {
                importance.put(i, gains[i]);
            }
        }
        Lane first = Lane.load(text, 0, width);
        return new LightGbmNativeModel(text, first, width, bestIteration, Collections.unmodifiableMap(importance),
                maxLanes);
    }

    /**
     * One booster with its single-row fast configuration and its output buffers. Used by one thread at a
     * time (whoever took it from {@link #idle}).
     */
    private static final class Lane {
        final int index;
        final SWIGTYPE_p_p_void boosterOut;
        final SWIGTYPE_p_void booster;
        final int iterations;
        final SWIGTYPE_p_p_void fastConfigOut;
        final SWIGTYPE_p_void fastConfig;
        final SWIGTYPE_p_long_long outLength;
        final SWIGTYPE_p_double out;

        private Lane(int index, SWIGTYPE_p_p_void boosterOut, int iterations, SWIGTYPE_p_p_void fastConfigOut,
                SWIGTYPE_p_long_long outLength, SWIGTYPE_p_double out) {
            this.index = index;
            this.boosterOut = boosterOut;
            this.booster = lightgbmlib.voidpp_value(boosterOut);
            this.iterations = iterations;
            this.fastConfigOut = fastConfigOut;
            this.fastConfig = lightgbmlib.voidpp_value(fastConfigOut);
            this.outLength = outLength;
            this.out = out;
        }

        static Lane load(String text, int index, int width) throws LGBMException {
            SWIGTYPE_p_p_void boosterOut = lightgbmlib.new_voidpp();
            SWIGTYPE_p_int iterationsOut = lightgbmlib.new_intp();
            try {
                check(lightgbmlib.LGBM_BoosterLoadModelFromString(text, iterationsOut, boosterOut));
            } catch (LGBMException e) {
                lightgbmlib.delete_intp(iterationsOut);
                lightgbmlib.delete_voidpp(boosterOut);
                throw e;
            }
            int iterations = lightgbmlib.intp_value(iterationsOut);
            lightgbmlib.delete_intp(iterationsOut);
            SWIGTYPE_p_p_void fastConfigOut = lightgbmlib.new_voidpp();
            try {
                // No parameters: "num_threads" here would call omp_set_num_threads for the whole process,
                // and a single row runs on the calling thread anyway.
                check(lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastInit(lightgbmlib.voidpp_value(boosterOut),
                        NORMAL, 0, iterations, FLOAT64, width, "", fastConfigOut));
            } catch (LGBMException e) {
                lightgbmlib.delete_voidpp(fastConfigOut);
                lightgbmlib.LGBM_BoosterFree(lightgbmlib.voidpp_value(boosterOut));
                lightgbmlib.delete_voidpp(boosterOut);
                throw e;
            }
            SWIGTYPE_p_long_long outLength = lightgbmlib.new_int64_tp();
            try {
                // One value per row, checked once here so that predictOne need not read the length back (one
                // JNI call less per row) and the one-double buffer can never be overrun (a multiclass model
                // would write num_class values).
                check(lightgbmlib.LGBM_BoosterCalcNumPredict(lightgbmlib.voidpp_value(boosterOut), 1, NORMAL, 0,
                        iterations, outLength));
                long perRow = lightgbmlib.int64_tp_value(outLength);
                if (perRow != 1) {
                    throw new LGBMException("the model predicts " + perRow + " values per row; only models with one "
                            + "(regression, binary classification) are supported");
                }
            } catch (LGBMException e) {
                lightgbmlib.delete_int64_tp(outLength);
                lightgbmlib.LGBM_FastConfigFree(lightgbmlib.voidpp_value(fastConfigOut));
                lightgbmlib.delete_voidpp(fastConfigOut);
                lightgbmlib.LGBM_BoosterFree(lightgbmlib.voidpp_value(boosterOut));
                lightgbmlib.delete_voidpp(boosterOut);
                throw e;
            }
            return new Lane(index, boosterOut, iterations, fastConfigOut, outLength, lightgbmlib.new_doubleArray(1));
        }

        /** One row through the fast path; its one output was checked at load (see {@link #load}). */
        double predictOne(double[] row) throws LGBMException {
            check(lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG(row, fastConfig, outLength, out));
            return lightgbmlib.doubleArray_getitem(out, 0);
        }

        double[] predictMany(double[] flat, int rows, int width) throws LGBMException {
            SWIGTYPE_p_double data = lightgbmlib.new_doubleArray(flat.length);
            SWIGTYPE_p_double results = lightgbmlib.new_doubleArray(rows);
            SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
            try {
                for (int i = 0; i < flat.length; i++) {
                    lightgbmlib.doubleArray_setitem(data, i, flat[i]);
                }
                check(lightgbmlib.LGBM_BoosterPredictForMat(booster, lightgbmlib.double_to_voidp_ptr(data), FLOAT64,
                        rows, width, 1, NORMAL, 0, iterations, "", length, results));
                long n = lightgbmlib.int64_tp_value(length);
                if (n != rows) {
                    throw new IllegalStateException("LightGBM returned " + n + " predictions for " + rows + " rows");
                }
                double[] answers = new double[rows];
                for (int i = 0; i < rows; i++) {
                    answers[i] = lightgbmlib.doubleArray_getitem(results, i);
                }
                return answers;
            } finally {
                lightgbmlib.delete_doubleArray(data);
                lightgbmlib.delete_doubleArray(results);
                lightgbmlib.delete_int64_tp(length);
            }
        }

        void free() throws LGBMException {
            try {
                check(lightgbmlib.LGBM_FastConfigFree(fastConfig));
                check(lightgbmlib.LGBM_BoosterFree(booster));
            } finally {
                lightgbmlib.delete_voidpp(fastConfigOut);
                lightgbmlib.delete_voidpp(boosterOut);
                lightgbmlib.delete_int64_tp(outLength);
                lightgbmlib.delete_doubleArray(out);
            }
        }

        private static void check(int rc) throws LGBMException {
            if (rc != 0) {
                throw new LGBMException(lightgbmlib.LGBM_GetLastError());
            }
        }
    }

    /** How many boosters exist now (tests check that overlapping predictions got lanes of their own). */
    int lanes() {
        return created.get();
    }

    /** Takes an idle lane, making one if all are busy and fewer than {@link #maxLanes} exist. */
    private Lane acquire() {
        permits.acquireUninterruptibly();
        try {
            for (;;) {
                if (closed.get()) {
                    throw new IllegalStateException("the LightGBM model is closed");
                }
                int n = created.get();
                for (int i = 0; i < n; i++) {
                    Lane lane = idle.get(i);
                    if (lane != null && idle.compareAndSet(i, lane, null)) {
                        return lane;
                    }
                }
                if (n < maxLanes && created.compareAndSet(n, n + 1)) {
                    Lane lane = Lane.load(new String(modelText, StandardCharsets.UTF_8), n, featureCount);
                    made.set(n, lane);
                    return lane;
                }
                // A lane is being handed back (it goes idle before its permit is released): look again.
                Thread.onSpinWait();
            }
        } catch (LGBMException e) {
            permits.release();
            throw new IllegalStateException("LightGBM could not load another copy of the model: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    private void release(Lane lane) {
        idle.set(lane.index, lane);
        permits.release();
    }

    /**
     * How many features each row must have.
     *
     * @return the width the model was trained on
     */
    @Override
    public int featureCount() {
        return featureCount;
    }

    /**
     * Predicts one row: a value for regression, the positive class's probability for binary classification.
     *
     * @param features {@link #featureCount()} values; NaN means missing
     * @return the prediction
     * @throws InvalidArgumentException if the row has the wrong width
     * @throws IllegalStateException if the model is closed
     */
    @Override
    public double predict(double[] features) {
        Objects.requireNonNull(features, "features");
        checkWidth(features, -1);
        Lane lane = acquire();
        try {
            return lane.predictOne(features);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM prediction failed: " + e.getMessage(), e);
        } finally {
            release(lane);
        }
    }

    /**
     * Predicts several rows in one native call.
     *
     * @param rows the rows, each {@link #featureCount()} wide
     * @return one prediction per row
     * @throws InvalidArgumentException if a row has the wrong width
     * @throws IllegalStateException if the model is closed
     */
    @Override
    public double[] predictBatch(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        double[] flat = new double[Math.multiplyExact(rows.length, featureCount)];
        for (int r = 0; r < rows.length; r++) {
            Objects.requireNonNull(rows[r], "rows[" + r + "]");
            checkWidth(rows[r], r);
            System.arraycopy(rows[r], 0, flat, r * featureCount, featureCount);
        }
        if (rows.length == 0) {
            if (closed.get()) {
                throw new IllegalStateException("the LightGBM model is closed");
            }
            return new double[0];
        }
        return predictRowMajor(flat, rows.length);
    }

    private double[] predictRowMajor(double[] flat, int rows) {
        if (rows == 1) {
            // One row gains nothing from an OpenMP team: the single-row path, with the same answer.
            return new double[] {predict(flat)};
        }
        Lane lane = acquire();
        try {
            return lane.predictMany(flat, rows, featureCount);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM prediction failed: " + e.getMessage(), e);
        } finally {
            release(lane);
        }
    }

    private void checkWidth(double[] row, int index) {
        if (row.length != featureCount) {
            throw new InvalidArgumentException((index < 0 ? "row" : "row " + index) + " has " + row.length
                    + " features; the model expects " + featureCount);
        }
    }

    /**
     * Writes the LightGBM model text as UTF-8.
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    @Override
    public void write(OutputStream out) throws IOException {
        out.write(modelText);
    }

    /**
     * The iteration early stopping kept.
     *
     * @return from 1; empty if early stopping did not run (or the model was read back, since the text
     *         holds only the kept trees)
     */
    @Override
    public Optional<Integer> bestIteration() {
        return bestIteration;
    }

    /**
     * Total split gain per feature index, over all trees; every feature is listed, unused ones with 0.
     *
     * @return index to gain, unmodifiable
     */
    @Override
    public Map<Integer, Double> featureImportance() {
        return featureImportance;
    }

    /**
     * Roughly the model's memory now: the heap copy of its text plus, per booster made so far, one more
     * text's size for the native trees. LightGBM reports no memory figure; the native estimate is from
     * measurement (RSS growth per booster loaded from text: 0.73x the text at 100 trees, 0.91x at 400), so
     * it errs high. Lanes made later, when predictions overlap, raise the figure (up to the processor
     * count); a cache that weighs a model once, when loaded, counts one booster.
     *
     * @return bytes
     */
    @Override
    public long sizeBytes() {
        return (long) modelText.length * (1 + created.get());
    }

    /**
     * Frees the native booster, once; later calls do nothing.
     *
     * @throws IllegalStateException if LightGBM reports a failure while freeing
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Every permit: no prediction is in flight and no lane is being made.
        permits.acquireUninterruptibly(maxLanes);
        try {
            IllegalStateException failure = null;
            for (int i = 0; i < maxLanes; i++) {
                Lane lane = made.getAndSet(i, null);
                idle.set(i, null);
                if (lane == null) {
                    continue;
                }
                try {
                    lane.free();
                } catch (LGBMException e) {
                    if (failure == null) {
                        failure = new IllegalStateException("LightGBM failed to free its booster: " + e.getMessage(), e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            permits.release(maxLanes); // waiting callers wake, see the model closed and throw
        }
    }

    @Override
    public String toString() {
        return "LightGbmNativeModel[" + featureCount + " features, " + modelText.length + " bytes"
                + bestIteration.map(b -> ", best iteration " + b).orElse("") + (closed.get() ? ", closed" : "")
                + "]";
    }
}
