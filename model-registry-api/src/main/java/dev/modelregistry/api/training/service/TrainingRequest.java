package dev.modelregistry.api.training.service;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.TrainingSpec;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One training run: which trainer, the spec, the data, an optional validation set (for the validation
 * metric and early stopping), the preprocessing to fit, the label's name and a progress listener.
 *
 * <p>Immutable and thread-safe (if the listener is).
 *
 * @param trainerId the trainer's id
 * @param spec task, hyper-parameters, seed, threads, early stopping
 * @param data the training rows
 * @param validation rows to validate on, if any
 * @param preprocessing what to fit on the training rows
 * @param target the name of the predicted column, recorded in the feature schema
 * @param progress hears each iteration
 */
public record TrainingRequest(String trainerId, TrainingSpec spec, Dataset data, Optional<Dataset> validation,
        PreprocessingSpec preprocessing, String target, TrainingProgress progress) {
    /**
     * Validates the fields.
     *
     * @param trainerId the trainer id
     * @param spec the spec
     * @param data the training rows
     * @param validation the validation rows
     * @param preprocessing the preprocessing
     * @param target the target name
     * @param progress the listener
     */
    public TrainingRequest {
        Objects.requireNonNull(trainerId, "trainerId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Names.requireMetricName(target);
        Objects.requireNonNull(progress, "progress");
    }

    /**
     * A request with default spec, no validation set, no preprocessing beyond what the trainer needs,
     * target name {@code target}, and no listener.
     *
     * @param trainerId the trainer's id
     * @param data the training rows
     * @return the request
     */
    public static TrainingRequest of(String trainerId, Dataset data) {
        return new TrainingRequest(trainerId, TrainingSpec.defaults(), data, Optional.empty(), PreprocessingSpec.none(),
                "target", TrainingProgress.NONE);
    }

    /**
     * A copy with another spec.
     *
     * @param value the spec
     * @return the new request
     */
    public TrainingRequest withSpec(TrainingSpec value) {
        return new TrainingRequest(trainerId, value, data, validation, preprocessing, target, progress);
    }

    /**
     * A copy with a validation set.
     *
     * @param value the validation rows
     * @return the new request
     */
    public TrainingRequest withValidation(Dataset value) {
        return new TrainingRequest(trainerId, spec, data, Optional.of(value), preprocessing, target, progress);
    }

    /**
     * A copy with other training rows (and no validation set).
     *
     * @param value the training rows
     * @return the new request
     */
    public TrainingRequest withData(Dataset value) {
        return new TrainingRequest(trainerId, spec, value, Optional.empty(), preprocessing, target, progress);
    }

    /**
     * A copy with another preprocessing.
     *
     * @param value the preprocessing
     * @return the new request
     */
    public TrainingRequest withPreprocessing(PreprocessingSpec value) {
        return new TrainingRequest(trainerId, spec, data, validation, value, target, progress);
    }

    /**
     * A copy with another target name.
     *
     * @param value the target name
     * @return the new request
     */
    public TrainingRequest withTarget(String value) {
        return new TrainingRequest(trainerId, spec, data, validation, preprocessing, value, progress);
    }

    /**
     * A copy with a progress listener.
     *
     * @param value the listener
     * @return the new request
     */
    public TrainingRequest withProgress(TrainingProgress value) {
        return new TrainingRequest(trainerId, spec, data, validation, preprocessing, target, value);
    }

    /**
     * The request of one fold: trains on the split's training rows of this request's data and validates
     * (early stopping, {@code validation_*} metrics) on its validation rows, or on none if it has none.
     *
     * @param split rows of this request's data
     * @return the fold's request
     * @throws InvalidArgumentException if the data has time stamps and one of them is
     *         in both the split's training or validation rows and its test rows (a date split across train
     *         and test, as a row-count split can do to a panel)
     */
    public TrainingRequest forFold(Split split) {
        Objects.requireNonNull(split, "split");
        int[] test = split.test();
        data.times().ifPresent(times -> {
            Set<Long> tested = new HashSet<>();
            for (int r : test) {
                tested.add(times[r]);
            }
            for (int[] rows : new int[][] {split.train(), split.validation()}) {
                for (int r : rows) {
                    if (tested.contains(times[r])) {
                        throw new InvalidArgumentException(split + " puts time stamp "
                                + times[r] + " (row " + r + ") in both training and testing: on a panel, split"
                                + " by time stamps with Splits' time-stamp methods, or make sizes and gaps whole"
                                + " multiples of the number of assets");
                    }
                }
            }
        });
        int[] validationRows = split.validation();
        Optional<Dataset> v = validationRows.length == 0 ? Optional.empty() : Optional.of(data.select(validationRows));
        return new TrainingRequest(trainerId, spec, data.select(split.train()), v, preprocessing, target, progress);
    }
}
