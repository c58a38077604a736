package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.core.training.ExternalModels;
import java.util.Objects;
import org.apache.spark.ml.Model;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a Spark training produced: the registry's trained model (register it with
 * {@code registry.training().register(name, result.model())}) and the Spark model it came from.
 *
 * <p>Thread-safe as its parts are; closing the trained model is the caller's.
 */
public final class SparkTrainingResult {
    private final TrainedModel model;
    private final Model<?> sparkModel;
    private final ExternalModels.Preprocessing preprocessing;

    SparkTrainingResult(TrainedModel model, Model<?> sparkModel, ExternalModels.Preprocessing preprocessing) {
        this.model = Objects.requireNonNull(model, "model");
        this.sparkModel = Objects.requireNonNull(sparkModel, "sparkModel");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
    }

    /**
     * The trained model, with the preprocessing in front, as registration stores it.
     *
     * @return the model; the caller closes it
     */
    public TrainedModel model() {
        return model;
    }

    /**
     * xgboost4j-spark's own prediction: the rows preprocessed by Spark, then the Spark model's transform (every
     * round it boosted, also after early stopping).
     *
     * @param rows rows with the request's feature columns and label column
     * @param request the request the model was trained with (for the column names)
     * @return the transformed rows, with xgboost4j-spark's {@code prediction} column
     */
    public Dataset<Row> transformWithSpark(Dataset<Row> rows, SparkTrainingRequest request) {
        return sparkModel.transform(SparkXGBoostTrainer.frame(rows, request, preprocessing));
    }
}
