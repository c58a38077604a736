package dev.modelregistry.api.evaluation;

import java.util.List;

/**
 * The series behind the charts, row by row: what was realised, what was predicted and, when the
 * predictions carried them, the date and the asset of each row (so charts can put dates on their axes
 * and group a panel's rows by date).
 *
 * <p>Immutable and thread-safe.
 *
 * @param actual the realised values, row by row
 * @param predicted the predictions, row by row
 * @param times the date of each row (as {@link Predictions#dates()} holds it: epoch seconds, or an index),
 *     or empty when the rows have none; a report stored before times were kept reads back with none
 * @param assets the asset of each row, or empty when the rows have none
 */
public record EvaluationSeries(List<Double> actual, List<Double> predicted, List<Long> times, List<String> assets) {
    /**
     * Copies the lists.
     *
     * @param actual the actuals
     * @param predicted the predictions, as many
     * @param times as many times as rows, or none; null only when read from a report stored before it existed
     * @param assets as many assets as rows, or none; null only when read from a report stored before it existed
     * @throws dev.modelregistry.api.InvalidArgumentException if a list's length differs from the rows
     */
    public EvaluationSeries {
        actual = List.copyOf(actual);
        predicted = List.copyOf(predicted);
        times = times == null ? List.of() : List.copyOf(times);
        assets = assets == null ? List.of() : List.copyOf(assets);
        if (predicted.size() != actual.size() || (!times.isEmpty() && times.size() != actual.size())
                || (!assets.isEmpty() && assets.size() != actual.size())) {
            throw new dev.modelregistry.api.InvalidArgumentException("series lengths differ: " + actual.size()
                    + " actual, " + predicted.size() + " predicted, " + times.size() + " times, " + assets.size()
                    + " assets");
        }
    }

    /**
     * A series without times or assets.
     *
     * @param actual the actuals
     * @param predicted the predictions
     */
    public EvaluationSeries(List<Double> actual, List<Double> predicted) {
        this(actual, predicted, List.of(), List.of());
    }
}
