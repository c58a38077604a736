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
     * A matrix of rows without labels, for prediction.
     *
     * @param rows the rows
     * @param width the width every row must have
     * @return a new matrix; the caller disposes it
     * @throws InvalidArgumentException if a row is null or not {@code width} wide
     * @throws XGBoostError if xgboost refuses the data
     */
    static DMatrix of(double[][] rows, int width) throws XGBoostError {
        float[] values = new float[Math.multiplyExact(rows.length, width)];
        for (int r = 0; r < rows.length; r++) {
            double[] row = checkWidth(rows[r], width, r);
            for (int c = 0; c < width; c++) {
                values[r * width + c] = missingIfInfinite((float) row[c]);
            }
        }
        return new DMatrix(values, rows.length, width, Float.NaN);
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
