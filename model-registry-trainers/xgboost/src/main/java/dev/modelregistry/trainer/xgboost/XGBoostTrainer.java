package dev.modelregistry.trainer.xgboost;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.training.EarlyStopping;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainerSupport;
import dev.modelregistry.api.training.TrainingInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees with xgboost4j: regression (squared error, validated by RMSE) and binary
 * classification (logistic, validated by log-loss). Trees are grown with the {@code hist} method, so
 * the same spec, data, seed and thread count give the same model. Missing values are NaN.
 *
 * <p>Its id is {@code xgboost}, its format {@value #FORMAT_ID}; it accepts {@code rounds} and xgboost's own
 * {@code eta}, {@code max_depth}, {@code min_child_weight}, {@code subsample}, {@code colsample_bytree},
 * {@code lambda}, {@code alpha} and {@code gamma} (see {@link XGBoostHyperParameters}).
 *
 * <p>Thread-safe and stateless: each call to {@link #train} uses its own native objects.
 */
final class XGBoostTrainer extends TrainerSupport {
    /** The id of the format {@link NativeModel#write} produces. */
    static final String FORMAT_ID = "xgboost-ubjson";

    /** The Maven artifact of this module. */
    static final String MODULE = "dev.modelregistry:model-registry-trainer-xgboost";

    /** Used only if the xgboost4j jar lacks its Maven metadata (for example when shaded). */
    private static final String FALLBACK_VERSION = "3.4.0";

    private static final String LIBRARY_VERSION = readLibraryVersion();

    /** Creates the trainer; {@link XGBoostTrainerProvider} calls this. */
    XGBoostTrainer() {
        super(XGBoostTrainerProvider.ID, FORMAT_ID, LIBRARY_VERSION, MODULE,
                EnumSet.of(Task.REGRESSION, Task.BINARY_CLASSIFICATION), XGBoostHyperParameters.DECLARED);
    }

    /**
     * xgboost learns a default direction for missing values at every split.
     *
     * @return true
     */
    @Override
    public boolean handlesMissingValues() {
        return true;
    }

    /**
     * Training runs round by round and can stop early.
     *
     * @return true
     */
    @Override
    public boolean supportsEarlyStopping() {
        return true;
    }

    /**
     * Trains a model on the checked input. Early stopping runs when the spec's patience is positive and
     * validation data is given; the model then keeps the best round (see {@link EarlyStopping}).
     *
     * @param input the checked spec, hyper-parameters, data and context
     * @return the model; the caller closes it
     * @throws dev.modelregistry.api.TrainingCancelledException if the context cancelled
     * @throws dev.modelregistry.api.TrainingFailedException if xgboost failed
     */
    @Override
    public NativeModel train(TrainingInput input) {
        Objects.requireNonNull(input, "input");
        return new TrainingRun(XGBoostHyperParameters.toNative(input.spec(), input.parameters()),
                input.parameters().intValue(XGBoostHyperParameters.ROUNDS), EarlyStopping.of(input),
                input.train(), input.validation(), input.context()).run();
    }

    /**
     * Reads a model {@link XGBoostNativeModel#write} wrote (xgboost UBJSON; xgboost's JSON format and
     * models saved by other xgboost bindings load too).
     *
     * @param in the bytes; not closed
     * @param featureCount the width the model was trained on
     * @return the model; the caller closes it
     * @throws IOException if the bytes are not an xgboost model or the model has another width; bytes that
     *         are malformed, truncated, out of bounds or inconsistent are refused before xgboost sees them,
     *         with a message naming what is wrong (the cause is an {@link InvalidArtifactException})
     * @throws InvalidArgumentException if {@code featureCount} is below 1
     */
    @Override
    public NativeModel read(InputStream in, int featureCount) throws IOException {
        Objects.requireNonNull(in, "in");
        if (featureCount < 1) {
            throw new InvalidArgumentException("featureCount must be >= 1, got " + featureCount);
        }
        byte[] bytes = in.readAllBytes();
        // xgboost's loader crashes the JVM on corrupt models, so it only ever sees bytes checked in full.
        int width;
        try {
            width = XGBoostModelCheck.check(bytes);
        } catch (InvalidArtifactException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (width != featureCount) {
            throw new IOException("the xgboost model has " + width + " features; expected " + featureCount);
        }
        Booster booster;
        try {
            booster = XGBoost.loadModel(bytes);
        } catch (XGBoostError e) {
            throw new IOException("not a valid xgboost model: " + TrainingRun.firstLine(e.getMessage()), e);
        }
        try {
            long loadedWidth = booster.getNumFeature();
            if (loadedWidth != featureCount) {
                throw new IOException("the xgboost model has " + loadedWidth + " features; expected " + featureCount);
            }
            Optional<Integer> best = XGBoostNativeModel.bestIterationOf(booster);
            return new XGBoostNativeModel(booster, featureCount, best, bytes.length);
        } catch (XGBoostError e) {
            IOException failure = new IOException("not a valid xgboost model: " + TrainingRun.firstLine(
                    e.getMessage()), e);
            TrainerSupport.closeAfterFailure(booster::dispose, failure);
            throw failure;
        } catch (IOException | RuntimeException e) {
            TrainerSupport.closeAfterFailure(booster::dispose, e);
            throw e;
        }
    }

    private static String readLibraryVersion() {
        // A Class literal does not run xgboost's static initialiser, so no native library loads here.
        try (InputStream in = XGBoost.class.getResourceAsStream(
                "/META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the version this module was built against
        }
        return FALLBACK_VERSION;
    }

}
