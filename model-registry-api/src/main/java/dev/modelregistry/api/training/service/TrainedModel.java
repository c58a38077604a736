package dev.modelregistry.api.training.service;

import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.version.ModelMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained model: the preprocessing fitted at training time in front of the library's native model,
 * and the metadata registration records. It predicts raw rows, by position or by feature name, applying
 * the preprocessing exactly as in training. {@link TrainingService#train} returns one, and a model
 * loaded from the registry unwraps to one ({@code loaded.unwrap(TrainedModel.class)}).
 *
 * <p><b>NaN policy:</b> NaN and ±Infinity in an input are missing values; the preprocessing fills
 * them (imputation) or passes NaN to a library that handles missing values.
 *
 * <p><b>Native memory</b> is freed exactly once, and only after in-flight predictions finish:
 * {@link #close()} marks the model closing; the last prediction still running frees it. A prediction
 * that starts after {@code close()} throws {@link IllegalStateException}.
 *
 * <p>Implementations are thread-safe.
 */
public interface TrainedModel extends Predictor, AutoCloseable {

    /**
     * Predicts one row of raw features, in the order of {@link #featureNames()}.
     *
     * @param features the raw feature values
     * @return the prediction
     * @throws dev.modelregistry.api.InvalidArgumentException if the row has the wrong width
     */
    @Override
    double predict(double[] features);

    /**
     * Predicts one row given by feature name.
     *
     * @param features feature name to raw value; every feature of the model, no others
     * @return the prediction
     * @throws dev.modelregistry.api.InvalidArgumentException naming a missing or unknown feature
     */
    double predict(Map<String, Double> features);

    /**
     * Predicts many rows of raw features at once.
     *
     * @param rows the rows, each in the order of {@link #featureNames()}
     * @return one prediction per row
     * @throws dev.modelregistry.api.InvalidArgumentException if a row has the wrong width
     */
    double[] predictBatch(double[][] rows);

    /**
     * The raw feature names a row must have, in order.
     *
     * @return the names
     */
    List<String> featureNames();

    /**
     * The metadata registration records: format, training info, feature schema, validation metrics.
     *
     * @return the metadata
     */
    ModelMetadata metadata();

    /**
     * The id of the trainer that made this model.
     *
     * @return the trainer id
     */
    String trainerId();

    /**
     * The iteration early stopping kept, if it ran.
     *
     * @return the best iteration, from 1
     */
    Optional<Integer> bestIteration();

    /**
     * Roughly how much memory the model holds.
     *
     * @return bytes
     */
    long sizeBytes();

    /** Frees the native model once no prediction is running. Idempotent. */
    @Override
    void close();
}
