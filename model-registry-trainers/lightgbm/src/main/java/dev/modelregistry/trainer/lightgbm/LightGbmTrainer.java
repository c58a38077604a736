package dev.modelregistry.trainer.lightgbm;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.TrainingFailedException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Trains LightGBM gradient-boosted trees for regression (objective {@code regression}, validation
 * metric RMSE) and binary classification (objective {@code binary}, metric log-loss; labels 0 or 1,
 * predictions are probabilities of 1). Models are LightGBM's own text format, {@code lightgbm-text}.
 *
 * <p>Hyper-parameters are checked before any native call. The same data, parameters, seed and thread
 * count give the same model. Early stopping runs when the spec asks for it and a validation set is
 * given; the returned model then holds only the trees up to the best iteration. NaN features are
 * missing values, which LightGBM handles itself.
 *
 * <p>Thread-safe and stateless: several models may train at once.
 */
public final class LightGbmTrainer implements Trainer {
    static final String ID = "lightgbm";
    static final String FORMAT_ID = "lightgbm-text";
    static final String LIBRARY_VERSION = "4.3.0";
    static final String MODULE = "dev.modelregistry:model-registry-trainer-lightgbm";

    /** Creates the trainer; it holds no state, so one instance may be shared. */
    public LightGbmTrainer() {
    }

    /**
     * The trainer's id.
     *
     * @return {@code lightgbm}
     */
    @Override
    public String id() {
        return ID;
    }

    /**
     * The supported tasks.
     *
     * @return regression and binary classification
     */
    @Override
    public Set<Task> tasks() {
        return Set.copyOf(EnumSet.of(Task.REGRESSION, Task.BINARY_CLASSIFICATION));
    }

    /**
     * The accepted hyper-parameters: {@code rounds}, {@code learning_rate}, {@code num_leaves},
     * {@code max_depth}, {@code min_data_in_leaf}, {@code feature_fraction}, {@code bagging_fraction},
     * {@code bagging_freq}, {@code lambda_l1}, {@code lambda_l2}; all but {@code rounds} mean what they
     * mean in LightGBM.
     *
     * @return the parameters with defaults and ranges, unmodifiable
     */
    @Override
    public List<HyperParameter> hyperParameters() {
        return LightGbmParameters.DECLARED;
    }

    /**
     * The model format.
     *
     * @return {@code lightgbm-text}
     */
    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    /**
     * The LightGBM version lightgbm4j bundles.
     *
     * @return {@code 4.3.0}
     */
    @Override
    public String libraryVersion() {
        return LIBRARY_VERSION;
    }

    /**
     * The Maven artifact of this trainer.
     *
     * @return {@code dev.modelregistry:model-registry-trainer-lightgbm}
     */
    @Override
    public String module() {
        return MODULE;
    }

    /**
     * LightGBM treats NaN as missing.
     *
     * @return true
     */
    @Override
    public boolean handlesMissingValues() {
        return true;
    }

    /**
     * Boosting runs in iterations, which early stopping can cut short.
     *
     * @return true
     */
    @Override
    public boolean supportsEarlyStopping() {
        return true;
    }

    /**
     * Trains a model.
     *
     * @param input the spec, data and context; not null
     * @return the model; the caller closes it
     * @throws InvalidArgumentException if a hyper-parameter is unknown or out of range, the task is not
     *         supported, the training set is empty, the validation set has another width, or a binary
     *         label is not 0 or 1 (all checked before LightGBM is called)
     * @throws dev.modelregistry.api.TrainingCancelledException if the context cancelled training
     * @throws TrainingFailedException if LightGBM failed
     */
    @Override
    public NativeModel train(TrainingInput input) {
        Objects.requireNonNull(input, "input");
        TrainingSpec spec = input.spec();
        Map<String, String> resolved = HyperParameters.resolve(LightGbmParameters.DECLARED, spec.parameters());
        if (!LightGbmParameters.supports(spec.task())) {
            throw new InvalidArgumentException("the lightgbm trainer does not support " + spec.task()
                    + "; it supports " + tasks());
        }
        Dataset train = input.train();
        if (train.rowCount() == 0) {
            throw new InvalidArgumentException("the training set has no rows");
        }
        checkLabels(spec.task(), train, "training");
        Optional<Dataset> validation = input.validation();
        if (validation.isPresent()) {
            Dataset v = validation.get();
            if (v.featureCount() != train.featureCount()) {
                throw new InvalidArgumentException("the validation set has " + v.featureCount()
                        + " features; the training set has " + train.featureCount());
            }
            if (v.rowCount() == 0) {
                throw new InvalidArgumentException("the validation set has no rows");
            }
            checkLabels(spec.task(), v, "validation");
        }
        TrainingLoop.Result result = TrainingLoop.run(train, validation, LightGbmParameters.toLightGbm(resolved, spec),
                LightGbmParameters.rounds(resolved), spec.earlyStoppingPatience(), input.context());
        try {
            // Built from the saved text, so a trained model and one read back behave identically.
            return LightGbmNativeModel.load(result.modelText(), result.bestIteration());
        } catch (LGBMException e) {
            throw new TrainingFailedException("LightGBM could not load the model it trained: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model {@link NativeModel#write} wrote.
     *
     * @param in LightGBM model text in UTF-8; not closed
     * @param featureCount the width the model was trained on
     * @return the model; the caller closes it
     * @throws IOException if reading fails, the text is not a LightGBM model, or its width differs; text
     *         that is malformed, truncated, out of bounds or inconsistent is refused before LightGBM sees it,
     *         with a message naming what is wrong (the cause is an {@link InvalidArtifactException})
     */
    @Override
    public NativeModel read(InputStream in, int featureCount) throws IOException {
        Objects.requireNonNull(in, "in");
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        // LightGBM's loader crashes the JVM on corrupt text, so it only ever sees text checked in full.
        try {
            LightGbmModelText.validate(text);
        } catch (InvalidArtifactException e) {
            throw new IOException(e.getMessage(), e);
        }
        LightGbmNativeModel model;
        try {
            model = LightGbmNativeModel.load(text, Optional.empty());
        } catch (LGBMException e) {
            throw new IOException("not a valid LightGBM model: " + e.getMessage(), e);
        }
        if (model.featureCount() != featureCount) {
            int actual = model.featureCount();
            model.close();
            throw new IOException("the LightGBM model has " + actual + " features; expected " + featureCount);
        }
        return model;
    }

    private static void checkLabels(Task task, Dataset data, String which) {
        if (task != Task.BINARY_CLASSIFICATION) {
            return;
        }
        for (int i = 0; i < data.rowCount(); i++) {
            double label = data.label(i);
            if (label != 0.0 && label != 1.0) {
                throw new InvalidArgumentException("binary classification needs labels 0 or 1; " + which
                        + " row " + i + " has " + label);
            }
        }
    }

    @Override
    public String toString() {
        return "LightGbmTrainer[" + ID + ", LightGBM " + LIBRARY_VERSION + "]";
    }
}
