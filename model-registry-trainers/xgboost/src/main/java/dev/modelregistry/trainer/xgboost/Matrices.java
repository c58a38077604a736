package dev.modelregistry.trainer.xgboost;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Builds xgboost's dense matrices from rows of doubles. NaN marks a missing value; infinite values
 * (including doubles too large for a float) are turned into NaN too, as the registry's preprocessing
 * treats them, because xgboost refuses infinities.
 *
 * <p>Stateless and thread-safe. The caller disposes every matrix it gets.
 */
final class Matrices {
    private Matrices() {
    }

    /**
     * A matrix of a dataset's features and labels.
     *
     * @param data the data
     * @return a new matrix; the caller disposes it
     * @throws XGBoostError if xgboost refuses the data
     */
    static DMatrix of(Dataset data) throws XGBoostError {
        float[] values = data.rowMajorFloats();
        for (int i = 0; i < values.length; i++) {
            values[i] = missingIfInfinite(values[i]);
        }
        DMatrix m = new DMatrix(values, data.rowCount(), data.featureCount(), Float.NaN);
        try {
            float[] labels = new float[data.rowCount()];
            for (int r = 0; r < labels.length; r++) {
                labels[r] = (float) data.label(r);
            }
            m.setLabel(labels);
            return m;
        } catch (XGBoostError | RuntimeException e) {
            m.dispose();
            throw e;
        }
    }

    /**
     * Rows as xgboost's dense row-major floats, for a prediction {@link DMatrix}: the
     * values cast to float, infinities (and doubles too large for a float) made NaN.
     *
     * @param rows the rows
     * @param width the width every row must have
     * @return {@code rows.length * width} values
     * @throws InvalidArgumentException if a row is null or not {@code width} wide
     */
    static float[] values(double[][] rows, int width) {
        float[] values = new float[Math.multiplyExact(rows.length, width)];
        for (int r = 0; r < rows.length; r++) {
            put(checkWidth(rows[r], width, r), values, r * width);
        }
        return values;
    }

    /**
     * One row as {@link #values(double[][], int)} makes it, without the array of rows around it.
     *
     * @param row the row, already checked to be {@code row.length} wide
     * @return its values
     */
    static float[] values(double[] row) {
        float[] values = new float[row.length];
        put(row, values, 0);
        return values;
    }

    private static void put(double[] row, float[] values, int at) {
        for (int c = 0; c < row.length; c++) {
            values[at + c] = missingIfInfinite((float) row[c]);
        }
    }

    /**
     * Checks one row's width.
     *
     * @param row the row
     * @param width the expected width
     * @param index the row's index, for the message
     * @return the row
     * @throws InvalidArgumentException if the row is null or has another width
     */
    static double[] checkWidth(double[] row, int width, int index) {
        if (row == null) {
            throw new InvalidArgumentException("row " + index + " is null");
        }
        if (row.length != width) {
            throw new InvalidArgumentException("row " + index + " has " + row.length + " features; expected "
                    + width);
        }
        return row;
    }

    private static float missingIfInfinite(float v) {
        return Float.isInfinite(v) ? Float.NaN : v;
    }
}
