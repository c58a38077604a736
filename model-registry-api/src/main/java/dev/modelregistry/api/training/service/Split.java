package dev.modelregistry.api.training.service;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Arrays;

/**
 * One validation fold: the rows to train on, the rows to validate on (for early stopping and the
 * {@code validation_*} metrics; none for row-based splits), and the rows to test on, as indices in time order.
 *
 * <p>Immutable and thread-safe (the arrays are copied in and out).
 *
 * @param train training row indices, increasing
 * @param validation inner validation row indices, increasing, after every training row and before every
 *        test row; empty for no validation
 * @param test test row indices, increasing
 */
public record Split(int[] train, int[] validation, int[] test) {
    /**
     * Copies the arrays and checks the order: every validation row is after every training row.
     *
     * @param train training rows
     * @param validation validation rows, possibly none
     * @param test test rows
     * @throws InvalidArgumentException if a validation row is not after the last training row
     */
    public Split {
        train = train.clone();
        validation = validation.clone();
        test = test.clone();
        if (validation.length > 0 && train.length > 0 && validation[0] <= train[train.length - 1]) {
            throw new InvalidArgumentException("validation rows must come after the training rows, got validation"
                    + " from row " + validation[0] + " and training up to row " + train[train.length - 1]);
        }
    }

    /**
     * A split without validation rows.
     *
     * @param train training rows
     * @param test test rows
     */
    public Split(int[] train, int[] test) {
        this(train, new int[0], test);
    }

    /**
     * The training rows.
     *
     * @return a copy of the indices
     */
    @Override
    public int[] train() {
        return train.clone();
    }

    /**
     * The inner validation rows: training stops early on them, and they never train.
     *
     * @return a copy of the indices, empty if the split has none
     */
    @Override
    public int[] validation() {
        return validation.clone();
    }

    /**
     * The test rows.
     *
     * @return a copy of the indices
     */
    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(validation, s.validation)
                && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(train) + Arrays.hashCode(validation)) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[train " + range(train) + (validation.length == 0 ? "" : ", validation " + range(validation))
                + ", test " + range(test) + "]";
    }

    private static String range(int[] a) {
        return a.length == 0 ? "none" : a.length + " rows " + a[0] + ".." + a[a.length - 1];
    }
}
