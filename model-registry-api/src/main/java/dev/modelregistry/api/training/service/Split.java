package dev.modelregistry.api.training.service;

import java.util.Arrays;

/**
 * One validation fold: the rows to train on and the rows to test on, as indices in time order.
 *
 * <p>Immutable and thread-safe (the arrays are copied in and out).
 *
 * @param train training row indices, increasing
 * @param test test row indices, increasing
 */
public record Split(int[] train, int[] test) {
    /**
     * Copies the arrays.
     *
     * @param train training rows
     * @param test test rows
     */
    public Split {
        train = train.clone();
        test = test.clone();
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
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[train " + range(train) + ", test " + range(test) + "]";
    }

    private static String range(int[] a) {
        return a.length == 0 ? "none" : a.length + " rows " + a[0] + ".." + a[a.length - 1];
    }
}
