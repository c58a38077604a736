package dev.modelregistry.api.training;

/**
 * Something that turns a row of features into a prediction.
 *
 * <p>Implementations are thread-safe.
 */
public interface Predictor {

    /**
     * Predicts one row.
     *
     * @param features the feature values, in schema order
     * @return the prediction (a value, or a probability for classification)
     * @throws dev.modelregistry.api.InvalidArgumentException if the row has the wrong width
     */
    double predict(double[] features);
}
