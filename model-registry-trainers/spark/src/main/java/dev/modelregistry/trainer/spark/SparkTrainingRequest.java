package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.api.training.service.TrainingProgress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What to train on Spark: the rows and which of their columns are features and label, with the project's
 * {@link TrainingSpec} (task, hyper-parameters of the plain {@code xgboost} trainer, seed, threads per worker,
 * early-stopping patience), preprocessing, progress listener and cancel signal.
 *
 * <p>Immutable; the datasets are Spark's lazy plans, so the record is as thread-safe as they are.
 *
 * @param data the training rows
 * @param features the feature columns, in the model's order (numeric; null and NaN are missing)
 * @param label the label column (numeric; 0 or 1 for binary classification)
 * @param validation rows for early stopping and {@code validation_*} metrics, if any
 * @param spec the spec
 * @param preprocessing what to fit on the training rows; MEAN or MEDIAN imputation and standardising are
 *        supported, feature selection (minVariance, maxCorrelation, topKByImportance) is refused
 * @param target the predicted column's name, recorded in the feature schema
 * @param progress hears each boosting round and its validation metric
 * @param cancelled polled while Spark trains; once true, training stops and throws
 *        {@link dev.modelregistry.api.TrainingCancelledException}
 */
public record SparkTrainingRequest(Dataset<Row> data, List<String> features, String label,
        Optional<Dataset<Row>> validation, TrainingSpec spec, PreprocessingSpec preprocessing, String target,
        TrainingProgress progress, BooleanSupplier cancelled) {
    /**
     * Checks the fields.
     *
     * @param data the rows
     * @param features the feature columns
     * @param label the label column
     * @param validation the validation rows
     * @param spec the spec
     * @param preprocessing the preprocessing
     * @param target the target name
     * @param progress the listener
     * @param cancelled the cancel signal
     */
    public SparkTrainingRequest {
        Objects.requireNonNull(data, "data");
        features = List.copyOf(features);
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Names.requireMetricName(target);
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        if (features.isEmpty()) {
            throw new InvalidArgumentException("at least one feature column is needed");
        }
        if (features.contains(label)) {
            throw new InvalidArgumentException("the label column '" + label + "' is also a feature");
        }
    }

    /**
     * A request with the default spec, no validation rows, no preprocessing, no listener and no cancel signal.
     *
     * @param data the rows
     * @param features the feature columns
     * @param label the label column
     * @return the request
     */
    public static SparkTrainingRequest of(Dataset<Row> data, List<String> features, String label) {
        return new SparkTrainingRequest(data, features, label, Optional.empty(), TrainingSpec.defaults(),
                PreprocessingSpec.none(), "target", TrainingProgress.NONE, () -> false);
    }

    /**
     * This request with another spec.
     *
     * @param value the spec
     * @return a new request
     */
    public SparkTrainingRequest withSpec(TrainingSpec value) {
        return new SparkTrainingRequest(data, features, label, validation, value, preprocessing, target, progress,
                cancelled);
    }

    /**
     * This request with validation rows (same columns as the training rows).
     *
     * @param value the rows
     * @return a new request
     */
    public SparkTrainingRequest withValidation(Dataset<Row> value) {
        return new SparkTrainingRequest(data, features, label, Optional.of(value), spec, preprocessing, target,
                progress, cancelled);
    }

    /**
     * This request with another preprocessing.
     *
     * @param value the preprocessing
     * @return a new request
     */
    public SparkTrainingRequest withPreprocessing(PreprocessingSpec value) {
        return new SparkTrainingRequest(data, features, label, validation, spec, value, target, progress,
                cancelled);
    }

    /**
     * This request with a progress listener.
     *
     * @param value the listener
     * @return a new request
     */
    public SparkTrainingRequest withProgress(TrainingProgress value) {
        return new SparkTrainingRequest(data, features, label, validation, spec, preprocessing, target, value,
                cancelled);
    }

    /**
     * This request with a cancel signal.
     *
     * @param value true once training should stop
     * @return a new request
     */
    public SparkTrainingRequest withCancel(BooleanSupplier value) {
        return new SparkTrainingRequest(data, features, label, validation, spec, preprocessing, target, progress,
                value);
    }
}
