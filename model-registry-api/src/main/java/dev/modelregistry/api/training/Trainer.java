package dev.modelregistry.api.training;

import java.util.List;
import java.util.Set;

/**
 * Trains one family of models.
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
     * Trains a model.
     *
     * @param spec the task, hyper-parameters, seed and threads
     * @param data the training data
     * @param listener hears about each iteration
     * @return the trained model
     * @throws dev.modelregistry.api.InvalidArgumentException if a parameter is unknown or out of range
     *         (before any training starts)
     */
    TrainedModel train(TrainingSpec spec, Dataset data, TrainingListener listener);
}
