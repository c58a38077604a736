package dev.modelregistry.api.evaluation;

import java.util.List;

/**
 * The series behind the charts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param actual the realised values, row by row
 * @param predicted the predictions, row by row
 * @param strategyReturns the strategy's return per period (empty without stock metrics)
 */
public record EvaluationSeries(List<Double> actual, List<Double> predicted, List<Double> strategyReturns) {
    /**
     * Copies the lists.
     *
     * @param actual the actuals
     * @param predicted the predictions
     * @param strategyReturns the strategy returns
     */
    public EvaluationSeries {
        actual = List.copyOf(actual);
        predicted = List.copyOf(predicted);
        strategyReturns = List.copyOf(strategyReturns);
    }
}
