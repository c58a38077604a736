package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Predictions aligned with what was realised, row by row, with optional keys: the date of each row
 * (rows sharing a date form a cross-section of assets), the asset of each row, and the fold that
 * produced each prediction.
 *
 * <p>Immutable and thread-safe: arrays are copied in and out.
 */
public final class Predictions {
    private final double[] actual;
    private final double[] predicted;
    private final long[] dates;
    private final String[] assets;
    private final int[] folds;
    private final List<String> featureNames;
    private final double[][] features;

    private Predictions(double[] actual, double[] predicted, long[] dates, String[] assets, int[] folds,
            List<String> featureNames, double[][] features) {
        this.actual = actual;
        this.predicted = predicted;
        this.dates = dates;
        this.assets = assets;
        this.folds = folds;
        this.featureNames = featureNames;
        this.features = features;
    }

    /**
     * Labels and predictions.
     *
     * @param actual the realised values (returns, or 0/1 for classification), all finite
     * @param predicted one finite prediction per row
     * @return the predictions
     * @throws InvalidArgumentException if there are no rows, the lengths differ, or a value is NaN or infinite
     * @throws NullPointerException if an array is null
     */
    public static Predictions of(double[] actual, double[] predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.length == 0) {
            throw new InvalidArgumentException("cannot evaluate zero rows");
        }
        if (actual.length != predicted.length) {
            throw new InvalidArgumentException(actual.length + " actual values but " + predicted.length
                    + " predictions; they must be aligned row by row");
        }
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(actual[i])) {
                throw new InvalidArgumentException("actual value of row " + i + " is " + actual[i] + "; must be finite");
            }
            if (!Double.isFinite(predicted[i])) {
                throw new InvalidArgumentException("prediction of row " + i + " is " + predicted[i]
                        + "; predictions must be finite");
            }
        }
        return new Predictions(actual.clone(), predicted.clone(), null, null, null, null, null);
    }

    /**
     * A copy with a date per row; rows sharing a date are one cross-section.
     *
     * @param value one date per row, never decreasing: epoch seconds (as {@code Datasets} reads ISO dates and
     *     date-times), from which the market evaluation infers the bar frequency and annualisation, or a plain
     *     index such as a trading-day number (then read as one trading day per date)
     * @return the copy
     * @throws InvalidArgumentException if the length differs or dates decrease
     */
    public Predictions withDates(long[] value) {
        requireLength("dates", value.length);
        for (int i = 1; i < value.length; i++) {
            if (value[i] < value[i - 1]) {
                throw new InvalidArgumentException("date of row " + i + " (" + value[i] + ") is before row " + (i - 1)
                        + " (" + value[i - 1] + "); rows must be in date order");
            }
        }
        return new Predictions(actual, predicted, value.clone(), assets, folds, featureNames, features);
    }

    /**
     * A copy with an asset key per row (for turnover per asset in a cross-section).
     *
     * @param value one non-null asset key per row
     * @return the copy
     * @throws InvalidArgumentException if the length differs
     */
    public Predictions withAssets(List<String> value) {
        requireLength("assets", value.size());
        String[] a = value.toArray(new String[0]);
        for (int i = 0; i < a.length; i++) {
            Objects.requireNonNull(a[i], "asset of row " + i);
        }
        return new Predictions(actual, predicted, dates, a, folds, featureNames, features);
    }

    /**
     * A copy with the fold of each row (for example the walk-forward fold that predicted it).
     *
     * @param value one fold number per row, each at least 0
     * @return the copy
     * @throws InvalidArgumentException if the length differs or a fold is negative
     */
    public Predictions withFolds(int[] value) {
        requireLength("folds", value.length);
        for (int i = 0; i < value.length; i++) {
            if (value[i] < 0) {
                throw new InvalidArgumentException("fold of row " + i + " is " + value[i] + "; must be >= 0");
            }
        }
        return new Predictions(actual, predicted, dates, assets, value.clone(), featureNames, features);
    }

    /**
     * A copy with the model's input features of each row, so that the evaluation's leak guards
     * ({@link Guards}) can compare each feature with the label.
     *
     * @param names the feature names, in column order
     * @param rows one row of feature values per prediction, each as long as {@code names}; NaN marks a
     *     missing value
     * @return the copy
     * @throws InvalidArgumentException if the row count or a row's length differs
     */
    public Predictions withFeatures(List<String> names, double[][] rows) {
        List<String> n = List.copyOf(names);
        requireLength("feature rows", rows.length);
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != n.size()) {
                throw new InvalidArgumentException("feature row " + i + " has " + rows[i].length + " values for "
                        + n.size() + " names");
            }
            copy[i] = rows[i].clone();
        }
        return new Predictions(actual, predicted, dates, assets, folds, n, copy);
    }

    /**
     * The feature names, if features are set.
     *
     * @return the names, or empty
     */
    public Optional<List<String>> featureNames() {
        return Optional.ofNullable(featureNames);
    }

    /**
     * The values of one feature, if features are set.
     *
     * @param column the feature's column, from 0
     * @return a copy of the column, or empty if there are no features
     * @throws IndexOutOfBoundsException if there is no such column
     */
    public Optional<double[]> featureColumn(int column) {
        if (features == null) {
            return Optional.empty();
        }
        Objects.checkIndex(column, featureNames.size());
        double[] out = new double[features.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = features[i][column];
        }
        return Optional.of(out);
    }

    /**
     * The number of rows.
     *
     * @return at least 1
     */
    public int size() {
        return actual.length;
    }

    /**
     * The realised values.
     *
     * @return a copy
     */
    public double[] actual() {
        return actual.clone();
    }

    /**
     * The predictions.
     *
     * @return a copy
     */
    public double[] predicted() {
        return predicted.clone();
    }

    /**
     * The dates, if set.
     *
     * @return a copy, or empty
     */
    public Optional<long[]> dates() {
        return dates == null ? Optional.empty() : Optional.of(dates.clone());
    }

    /**
     * The assets, if set.
     *
     * @return the keys, or empty
     */
    public Optional<List<String>> assets() {
        return assets == null ? Optional.empty() : Optional.of(List.of(assets));
    }

    /**
     * The folds, if set.
     *
     * @return a copy, or empty
     */
    public Optional<int[]> folds() {
        return folds == null ? Optional.empty() : Optional.of(folds.clone());
    }

    private void requireLength(String what, int length) {
        if (length != actual.length) {
            throw new InvalidArgumentException(length + " " + what + " for " + actual.length + " rows");
        }
    }

    @Override
    public String toString() {
        return "Predictions[" + actual.length + " rows" + (dates == null ? "" : ", dated")
                + (assets == null ? "" : ", with assets") + (folds == null ? "" : ", with folds")
                + (features == null ? "" : ", with " + featureNames.size() + " features") + "]";
    }
}
