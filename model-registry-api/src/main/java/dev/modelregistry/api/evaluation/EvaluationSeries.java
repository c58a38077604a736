package dev.modelregistry.api.evaluation;

import java.util.List;

/**
 * The series behind the charts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param actual the realised values, row by row
 * @param predicted the predictions, row by row
 */
public record EvaluationSeries(List<Double> actual, List<Double> predicted) {
    /**
     * Copies the lists.
     *
     * @param actual the actuals
     * @param predicted the predictions
     */
    public EvaluationSeries {
        actual = List.copyOf(actual);
        predicted = List.copyOf(predicted);
    }
}
