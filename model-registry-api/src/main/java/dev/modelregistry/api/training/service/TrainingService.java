package dev.modelregistry.api.training.service;

import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.version.ModelVersion;
import java.util.List;

/**
 * Trains, validates and registers models through the trainers on the class path.
 *
 * <p>Training fits the preprocessing on the training rows only, hands the trainer the preprocessed rows,
 * and returns a {@link TrainedModel} that applies the same preprocessing when it predicts. A request is
 * checked once, before any training starts: the trainer exists and supports the task, every
 * hyper-parameter is declared and in range (defaults are filled in), there are at least 2 training rows,
 * a validation set has the training set's features, and binary labels are 0 or 1. Registration fills the
 * metadata by itself: trainer and library version, hyper-parameters (with defaults), data fingerprint, row
 * count, time range, feature schema, validation metrics, training time and best iteration.
 *
 * <p>Implementations are thread-safe.
 */
public interface TrainingService {

    /**
     * The trainers on the class path.
     *
     * @return every trainer, by id
     */
    List<Trainer> trainers();

    /**
     * A trainer by id.
     *
     * @param id the trainer's id, e.g. {@code xgboost}
     * @return the trainer
     * @throws dev.modelregistry.api.NotFoundException naming the ids available
     */
    Trainer trainer(String id);

    /**
     * Trains a model on the calling thread.
     *
     * @param request what to train
     * @return the trained model; close it when done (or register it and load it through the registry)
     * @throws dev.modelregistry.api.InvalidArgumentException if the request is not accepted (before any
     *         training)
     * @throws dev.modelregistry.api.TrainingFailedException if the trainer's library fails
     */
    TrainedModel train(TrainingRequest request);

    /**
     * Trains a model in the background.
     *
     * @param request what to train
     * @return the job: progress, cancel and result
     * @throws dev.modelregistry.api.InvalidArgumentException if the request is not accepted (checked at once)
     */
    TrainingJob trainAsync(TrainingRequest request);

    /**
     * Trains and tests once per split, each fold with its own preprocessing fitted on its own training
     * rows, and reports metrics per fold with mean and standard deviation. A split with validation rows
     * (the time-stamp walk-forward of {@link Splits}) stops early on them and adds their
     * {@code validation_*} metrics to the fold's; see {@link TrainingRequest#forFold}.
     *
     * @param request what to train (its data is split; its own validation set is not used)
     * @param splits the folds, e.g. from {@link Splits#walkForward}
     * @param parallelism how many folds train at once, at least 1
     * @return the report
     * @throws dev.modelregistry.api.InvalidArgumentException if the request is not accepted or the
     *         parallelism is below 1 (before any training), or a split puts one time stamp in both training
     *         and testing
     */
    ValidationReport validate(TrainingRequest request, List<Split> splits, int parallelism);

    /**
     * Registers a trained model as a new version; the metadata comes from the model.
     *
     * @param model the model's name
     * @param trained a model this service trained
     * @return the new version
     * @throws dev.modelregistry.api.InvalidArgumentException if {@code trained} was not trained by this
     *         registry
     */
    ModelVersion register(String model, TrainedModel trained);
}
