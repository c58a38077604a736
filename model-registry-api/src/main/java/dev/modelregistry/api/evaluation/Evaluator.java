package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.Predictor;

/**
 * Scores a predictor on data it was not trained on.
 *
 * <p>Implementations are thread-safe.
 */
public interface Evaluator {

    /**
     * Evaluates a predictor.
     *
     * @param model the predictor
     * @param holdout rows the model did not see in training
     * @return the metrics
     * @throws dev.modelregistry.api.InvalidArgumentException if the data is empty or does not fit the model
     */
    EvaluationReport evaluate(Predictor model, Dataset holdout);
}
