package dev.modelregistry.api.training;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything a trainer needs for one training run. The data is already preprocessed: feature values
 * are finite or NaN (missing), never infinite; for a trainer that does not handle missing values
 * they are all finite.
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec the task, hyper-parameters, seed, threads and early stopping
 * @param train the training rows
 * @param validation rows for the validation metric and early stopping, if any
 * @param context progress and cancellation
 */
public record TrainingInput(TrainingSpec spec, Dataset train, Optional<Dataset> validation, TrainingContext context) {
    /**
     * Validates the fields.
     *
     * @param spec the spec
     * @param train the training rows
     * @param validation the validation rows
     * @param context the context
     */
    public TrainingInput {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(context, "context");
    }
}
