package dev.modelregistry.trainer.lightgbm;

import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.TrainingFailedException;
import dev.modelregistry.api.training.EarlyStopping;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainerSupport;
import dev.modelregistry.api.training.TrainingInput;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Trains LightGBM gradient-boosted trees for regression (objective {@code regression}, validation
 * metric RMSE) and binary classification (objective {@code binary}, metric log-loss; labels 0 or 1,
 * predictions are probabilities of 1). Models are LightGBM's own text format, {@code lightgbm-text}.
 *
 * <p>It accepts {@code rounds}, {@code learning_rate}, {@code num_leaves}, {@code max_depth},
 * {@code min_data_in_leaf}, {@code feature_fraction}, {@code bagging_fraction}, {@code bagging_freq},
 * {@code lambda_l1} and {@code lambda_l2}; all but {@code rounds} mean what they mean in LightGBM. The same
 * data, parameters, seed and thread count give the same model. Early stopping runs when the spec asks for it
 * and a validation set is given; the returned model then holds only the trees up to the best iteration
 * (see {@link EarlyStopping}). NaN features are missing values, which LightGBM handles itself.
 *
 * <p>Thread-safe and stateless: several models may train at once.
 */
public final class LightGbmTrainer extends TrainerSupport {
    static final String ID = "lightgbm";
    static final String FORMAT_ID = "lightgbm-text";
    static final String LIBRARY_VERSION = "4.3.0";
    static final String MODULE = "dev.modelregistry:model-registry-trainer-lightgbm";

    /** Creates the trainer; it holds no state, so one instance may be shared. */
    public LightGbmTrainer() {
        super(ID, FORMAT_ID, LIBRARY_VERSION, MODULE, EnumSet.of(Task.REGRESSION, Task.BINARY_CLASSIFICATION),
                LightGbmParameters.DECLARED);
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
     * Trains a model on the checked input.
     *
     * @param input the checked spec, hyper-parameters, data and context; not null
     * @return the model; the caller closes it
     * @throws dev.modelregistry.api.TrainingCancelledException if the context cancelled training
     * @throws TrainingFailedException if LightGBM failed
     */
    @Override
    public NativeModel train(TrainingInput input) {
        Objects.requireNonNull(input, "input");
        TrainingLoop.Result result = TrainingLoop.run(input.train(), input.validation(),
                LightGbmParameters.toLightGbm(input.parameters(), input.spec()),
                input.parameters().intValue(LightGbmParameters.ROUNDS), EarlyStopping.of(input), input.context());
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
}
