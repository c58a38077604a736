package dev.modelregistry.trainer.lightgbm;

import com.microsoft.ml.lightgbm.PredictionType;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A LightGBM booster loaded from LightGBM's model text, which it keeps so that {@link #write} returns
 * exactly the bytes it was built from.
 *
 * <p>Thread-safe: predictions from several threads are serialised on one lock (see {@link #lock}).
 * {@link #close()} frees the native booster exactly once, after any prediction in flight; predicting
 * after it throws {@link IllegalStateException}.
 */
final class LightGbmNativeModel implements NativeModel {
    private final LGBMBooster booster;
    private final byte[] modelText;
    private final int featureCount;
    private final Optional<Integer> bestIteration;
    private final Map<Integer, Double> featureImportance;
    /*
     * LightGBM's C API takes only a shared lock around prediction, yet each call builds a Predictor whose
     * constructor calls Boosting::InitPredict, writing the booster's prediction range; lightgbm4j adds no
     * locking of its own. Concurrent predictions on one handle therefore race in native code, so we
     * serialise them. The same lock makes close() wait for a prediction in flight instead of freeing the
     * handle under it.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LightGbmNativeModel(LGBMBooster booster, byte[] modelText, int featureCount,
            Optional<Integer> bestIteration, Map<Integer, Double> featureImportance) {
        this.booster = booster;
        this.modelText = modelText;
        this.featureCount = featureCount;
        this.bestIteration = bestIteration;
        this.featureImportance = featureImportance;
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
        LGBMBooster booster = LGBMBooster.loadModelFromString(text);
        try {
            int width = booster.getNumFeature();
            double[] gains = booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN); // 0: all trees
            Map<Integer, Double> importance = new TreeMap<>();
            for (int i = 0; i < gains.length; i++) {
                importance.put(i, gains[i]);
            }
            return new LightGbmNativeModel(booster, text.getBytes(StandardCharsets.UTF_8), width, bestIteration,
                    Collections.unmodifiableMap(importance));
        } catch (LGBMException | RuntimeException e) {
            try {
                booster.close(); // nobody else holds it yet
            } catch (LGBMException | RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
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
        return predictRowMajor(features, 1)[0];
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
            ensureOpen();
            return new double[0];
        }
        return predictRowMajor(flat, rows.length);
    }

    private double[] predictRowMajor(double[] flat, int rows) {
        lock.lock();
        try {
            ensureOpen();
            // One row gains nothing from an OpenMP team, and starting one per call costs more than the trees.
            String params = rows == 1 ? "num_threads=1" : "";
            double[] out = booster.predictForMat(flat, rows, featureCount, true, PredictionType.C_API_PREDICT_NORMAL,
                    params);
            if (out.length != rows) {
                throw new IllegalStateException("LightGBM returned " + out.length + " predictions for " + rows
                        + " rows");
            }
            return out;
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM prediction failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void checkWidth(double[] row, int index) {
        if (row.length != featureCount) {
            throw new InvalidArgumentException((index < 0 ? "row" : "row " + index) + " has " + row.length
                    + " features; the model expects " + featureCount);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the LightGBM model is closed");
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
     * Roughly the model's memory: the size of its text, which the native trees mirror.
     *
     * @return bytes
     */
    @Override
    public long sizeBytes() {
        return modelText.length;
    }

    /**
     * Frees the native booster, once; later calls do nothing.
     *
     * @throws IllegalStateException if LightGBM reports a failure while freeing
     */
    @Override
    public void close() {
        // lightgbm4j throws on a second close, so only the first caller gets through.
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lock.lock();
        try {
            booster.close();
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed to free its booster: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "LightGbmNativeModel[" + featureCount + " features, " + modelText.length + " bytes"
                + bestIteration.map(b -> ", best iteration " + b).orElse("") + (closed.get() ? ", closed" : "")
                + "]";
    }
}
