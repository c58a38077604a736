package dev.modelregistry.api.training;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Trains one family of models and reads back what it wrote. Trainer modules implement it for one
 * library each (xgboost, lightgbm, tribuo, ...); the training service adds preprocessing, validation,
 * jobs and registration around it.
 *
 * <p>{@link TrainerSupport} is a base that holds the descriptive fields below; the testkit's
 * {@code TrainerContract} is the suite every trainer runs.
 *
 * <p>Implementations are thread-safe; one instance may train several models at once.
 */
public interface Trainer {

    /**
     * The unique id of this trainer, e.g. {@code xgboost}.
     *
     * @return the id
     */
    String id();

    /**
     * The tasks this trainer supports.
     *
     * @return the tasks
     */
    Set<Task> tasks();

    /**
     * The hyper-parameters this trainer accepts.
     *
     * @return the parameters, with types, defaults and ranges
     */
    List<HyperParameter> hyperParameters();

    /**
     * The id of the format {@link NativeModel#write} produces, e.g. {@code xgboost-ubjson}.
     *
     * @return the format id
     */
    String formatId();

    /**
     * The version of the library that trains and reads models, for provenance.
     *
     * @return e.g. {@code 3.4.0}
     */
    String libraryVersion();

    /**
     * The Maven artifact that provides this trainer, named in errors when a model cannot be loaded
     * because it is missing.
     *
     * @return e.g. {@code dev.modelregistry:model-registry-trainer-xgboost}
     */
    String module();

    /**
     * The trainer whose {@link #read} serves this trainer's models: the one a registered bundle names. Usually
     * this trainer; a trainer that trains another trainer's format elsewhere (for example {@code xgboost-spark},
     * whose boosters the plain {@code xgboost} trainer reads) names that one, so serving needs only its module.
     * The registry records this trainer's id as the version's training trainer either way.
     *
     * @return a trainer id; {@link #id()} by default
     */
    default String servingTrainerId() {
        return id();
    }

    /**
     * Whether the library handles NaN (missing) feature values itself; if not, the training service
     * imputes them.
     *
     * @return true if NaN may reach {@link #train} and {@link NativeModel#predict}
     */
    boolean handlesMissingValues();

    /**
     * Whether the library trains in iterations that early stopping can cut short.
     *
     * @return true if {@link TrainingSpec#earlyStoppingPatience()} is honoured, by the rule of
     *         {@link EarlyStopping}
     */
    boolean supportsEarlyStopping();

    /**
     * Trains a model. The input was checked against this trainer by {@link TrainingInput#of}: the task is
     * supported, the hyper-parameters are resolved (read them from {@link TrainingInput#parameters()}) and
     * the data has the shape and values this trainer takes, so a trainer checks none of it again.
     *
     * @param input the checked spec, hyper-parameters, data and context
     * @return the trained model; the caller closes it
     * @throws dev.modelregistry.api.TrainingCancelledException if the context cancelled training
     * @throws dev.modelregistry.api.TrainingFailedException if the library failed
     */
    NativeModel train(TrainingInput input);

    /**
     * Reads a model this trainer wrote.
     *
     * @param in the bytes {@link NativeModel#write} produced; not closed
     * @param featureCount the width the model was trained on
     * @return the model; the caller closes it
     * @throws IOException if the bytes are not a valid model
     */
    NativeModel read(InputStream in, int featureCount) throws IOException;
}
