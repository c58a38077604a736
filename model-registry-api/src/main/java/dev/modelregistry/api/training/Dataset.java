package dev.modelregistry.api.training;

import java.util.List;

/**
 * Rows of named numeric features with a label. The trainer issue brings builders from arrays, row
 * iterables and CSV.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Dataset {

    /**
     * The feature names, in column order.
     *
     * @return the names
     */
    List<String> featureNames();

    /**
     * The number of rows.
     *
     * @return the row count, at least 0
     */
    int rowCount();

    /**
     * One row's features.
     *
     * @param row the row index, from 0
     * @return a copy of the row's feature values
     */
    double[] features(int row);

    /**
     * One row's label.
     *
     * @param row the row index, from 0
     * @return the label
     */
    double label(int row);
}
