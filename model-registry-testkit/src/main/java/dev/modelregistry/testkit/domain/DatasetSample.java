package dev.modelregistry.testkit.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A small tabular dataset as {@link DomainGen#datasets()} makes it: named feature columns, one row
 * of feature values per example, a label per row and a strictly increasing time index per row.
 *
 * <p>Immutable and thread-safe: the constructor copies the arrays and the accessors return copies.
 * Equality, hash code and {@code toString} look at the arrays' contents (with {@link
 * Double#compare} semantics, so NaN equals NaN).
 *
 * @param featureNames the distinct, non-blank column names, in column order
 * @param rows one array of {@code featureNames.size()} values per row; values may be NaN or
 *     infinite (missing or broken measurements)
 * @param labels one finite label per row
 * @param timeIndex one time stamp per row (e.g. epoch milliseconds), strictly increasing
 */
public record DatasetSample(List<String> featureNames, double[][] rows, double[] labels, long[] timeIndex) {

    /**
     * Validates the shapes and copies everything.
     *
     * @param featureNames the column names
     * @param rows the feature values, one array per row
     * @param labels the labels, one per row
     * @param timeIndex the time stamps, one per row, strictly increasing
     * @throws IllegalArgumentException if the shapes disagree, a name repeats or time does not increase
     * @throws NullPointerException if an argument, a name or a row is null
     */
    public DatasetSample {
        featureNames = List.copyOf(featureNames);
        if (featureNames.stream().distinct().count() != featureNames.size()) {
            throw new IllegalArgumentException("feature names must be distinct: " + featureNames);
        }
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(timeIndex, "timeIndex");
        if (labels.length != rows.length || timeIndex.length != rows.length) {
            throw new IllegalArgumentException("need one label and one time stamp per row: " + rows.length
                    + " rows, " + labels.length + " labels, " + timeIndex.length + " time stamps");
        }
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            Objects.requireNonNull(rows[i], "row");
            if (rows[i].length != featureNames.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values for "
                        + featureNames.size() + " features");
            }
            copy[i] = rows[i].clone();
        }
        for (int i = 1; i < timeIndex.length; i++) {
            if (timeIndex[i] <= timeIndex[i - 1]) {
                throw new IllegalArgumentException("time index must increase strictly, but t[" + i + "] = "
                        + timeIndex[i] + " follows " + timeIndex[i - 1]);
            }
        }
        rows = copy;
        labels = labels.clone();
        timeIndex = timeIndex.clone();
    }

    /**
     * The feature values, one array per row.
     *
     * @return a deep copy of the rows
     */
    @Override
    public double[][] rows() {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /**
     * The labels, one per row.
     *
     * @return a copy of the labels
     */
    @Override
    public double[] labels() {
        return labels.clone();
    }

    /**
     * The time stamps, one per row, strictly increasing.
     *
     * @return a copy of the time index
     */
    @Override
    public long[] timeIndex() {
        return timeIndex.clone();
    }

    /**
     * The number of rows.
     *
     * @return the row count, at least 0
     */
    public int rowCount() {
        return rows.length;
    }

    /**
     * Compares contents, not array identity.
     *
     * @param other the other object
     * @return true for a dataset with the same names, values, labels and time stamps
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof DatasetSample d && featureNames.equals(d.featureNames)
                && Arrays.deepEquals(rows, d.rows) && Arrays.equals(labels, d.labels)
                && Arrays.equals(timeIndex, d.timeIndex);
    }

    /**
     * A hash code consistent with {@link #equals}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(featureNames, Arrays.deepHashCode(rows), Arrays.hashCode(labels),
                Arrays.hashCode(timeIndex));
    }

    /**
     * The contents, for failure messages.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "DatasetSample[featureNames=" + featureNames + ", rows=" + Arrays.deepToString(rows)
                + ", labels=" + Arrays.toString(labels) + ", timeIndex=" + Arrays.toString(timeIndex) + "]";
    }
}
