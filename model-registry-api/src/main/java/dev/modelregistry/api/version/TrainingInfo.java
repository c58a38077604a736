package dev.modelregistry.api.version;

import dev.modelregistry.api.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a model was trained: its provenance.
 *
 * <p>Immutable and thread-safe.
 *
 * @param trainerId the trainer provider's id, e.g. {@code xgboost}
 * @param libraryVersion the version of the library that trained it, e.g. {@code 3.4.0}
 * @param hyperParameters every hyper-parameter in force, as text, including defaults
 * @param datasetFingerprint a SHA-256 fingerprint of the training data, if computed
 * @param rowCount the number of training rows, at least 0
 * @param dataStart the earliest time in the training data, if it had a time column; the training service
 *     stores the data's time index as epoch seconds ({@code Instant.ofEpochSecond(time)}), so
 *     {@code getEpochSecond()} gives the time index back
 * @param dataEnd the latest time in the training data, if it had a time column, stored the same way
 * @param trainingTime how long training took, if measured
 * @param bestIteration the iteration kept by early stopping, if any
 */
public record TrainingInfo(
        String trainerId,
        String libraryVersion,
        Map<String, String> hyperParameters,
        Optional<String> datasetFingerprint,
        long rowCount,
        Optional<Instant> dataStart,
        Optional<Instant> dataEnd,
        Optional<Duration> trainingTime,
        Optional<Integer> bestIteration) {

    /**
     * Validates the fields; hyper-parameters are kept sorted by name.
     *
     * @param trainerId the trainer id
     * @param libraryVersion the library version
     * @param hyperParameters the hyper-parameters
     * @param datasetFingerprint the data fingerprint
     * @param rowCount the row count
     * @param dataStart the earliest time
     * @param dataEnd the latest time
     * @param trainingTime the training time
     * @param bestIteration the best iteration
     */
    public TrainingInfo {
        if (trainerId == null || trainerId.isBlank()) {
            throw new InvalidArgumentException("trainerId must not be empty");
        }
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        hyperParameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperParameters));
        Objects.requireNonNull(datasetFingerprint, "datasetFingerprint");
        if (rowCount < 0) {
            throw new InvalidArgumentException("rowCount must be >= 0, got " + rowCount);
        }
        Objects.requireNonNull(dataStart, "dataStart");
        Objects.requireNonNull(dataEnd, "dataEnd");
        Objects.requireNonNull(trainingTime, "trainingTime");
        Objects.requireNonNull(bestIteration, "bestIteration");
    }

    /**
     * Training info with only a trainer, its library version and hyper-parameters.
     *
     * @param trainerId the trainer id
     * @param libraryVersion the library version
     * @param hyperParameters the hyper-parameters
     * @return the info
     */
    public static TrainingInfo of(String trainerId, String libraryVersion, Map<String, String> hyperParameters) {
        return new TrainingInfo(trainerId, libraryVersion, hyperParameters, Optional.empty(), 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
