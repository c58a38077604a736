package dev.modelregistry.api.training.service;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Validation splits for rows in time order. No split shuffles rows: in markets, a shuffled fold
 * trains on the future.
 *
 * <ul>
 *   <li><b>Purge</b>: the {@code purge} rows just before a test window never train — their labels
 *       (say, a 5-day forward return) overlap the test window.</li>
 *   <li><b>Embargo</b>: the {@code embargo} rows just after a test window never train — serial
 *       correlation would leak the test period into them. Only k-fold can train after a test window.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class Splits {
    private Splits() {
    }

    /** How a walk-forward training window grows. */
    public enum Window {
        /** From the first row up to the test window. */
        EXPANDING,
        /** A fixed number of rows before the test window. */
        ROLLING
    }

    /**
     * One split: the last {@code testFraction} of rows test, the rest (less the purge) train.
     *
     * @param rows the number of rows
     * @param testFraction between 0 and 1, exclusive
     * @param purge rows dropped before the test window
     * @return one split
     */
    public static List<Split> holdout(int rows, double testFraction, int purge) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int testSize = Math.max(1, (int) Math.round(rows * testFraction));
        int testStart = rows - testSize;
        requireTrain(testStart - purge, "holdout");
        return List.of(new Split(range(0, testStart - purge), range(testStart, rows)));
    }

    /**
     * Contiguous k-fold (purged, with embargo): fold i tests the i-th block; it trains on every
     * other row except the purge before and the embargo after the block.
     *
     * @param rows the number of rows
     * @param k the number of folds, at least 2
     * @param purge rows dropped before each test block
     * @param embargo rows dropped after each test block
     * @return k splits
     */
    public static List<Split> kFold(int rows, int k, int purge, int embargo) {
        if (k < 2 || k > rows) {
            throw new InvalidArgumentException("k must be in 2.." + rows + ", got " + k);
        }
        checkGaps(purge, embargo);
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int start = (int) ((long) rows * i / k);
            int end = (int) ((long) rows * (i + 1) / k);
            int lo = start - purge;
            int hi = end + embargo;
            int[] train = IntStream.range(0, rows).filter(r -> r < lo || r >= hi).toArray();
            requireTrain(train.length, "fold " + i);
            out.add(new Split(train, range(start, end)));
        }
        return out;
    }

    /**
     * Walk-forward: {@code folds} consecutive test windows of {@code testSize} rows ending at the last
     * row; each trains only on rows before its test window (less the purge), from the first row
     * (expanding) or the {@code trainSize} rows before (rolling).
     *
     * @param rows the number of rows
     * @param folds the number of test windows, at least 1
     * @param testSize rows per test window
     * @param window expanding or rolling
     * @param trainSize rows per rolling training window (ignored when expanding)
     * @param purge rows dropped before each test window
     * @param embargo rows dropped after each test window (never trained on in walk-forward anyway)
     * @return the splits, oldest first
     */
    public static List<Split> walkForward(int rows, int folds, int testSize, Window window, int trainSize, int purge,
            int embargo) {
        if (folds < 1 || testSize < 1) {
            throw new InvalidArgumentException("folds and testSize must be >= 1, got " + folds + " and " + testSize);
        }
        checkGaps(purge, embargo);
        int firstTest = rows - folds * testSize;
        if (window == Window.ROLLING && trainSize < 1) {
            throw new InvalidArgumentException("a rolling window needs trainSize >= 1, got " + trainSize);
        }
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < folds; i++) {
            int testStart = firstTest + i * testSize;
            int trainEnd = testStart - purge;
            int trainStart = window == Window.EXPANDING ? 0 : Math.max(0, trainEnd - trainSize);
            requireTrain(trainEnd - trainStart, "walk-forward fold " + i);
            out.add(new Split(range(trainStart, trainEnd), range(testStart, testStart + testSize)));
        }
        return out;
    }

    private static void checkGaps(int purge, int embargo) {
        if (purge < 0 || embargo < 0) {
            throw new InvalidArgumentException("purge and embargo must be >= 0, got " + purge + " and " + embargo);
        }
    }

    private static void requireTrain(int trainRows, String what) {
        if (trainRows < 1) {
            throw new InvalidArgumentException(what + " has no rows left to train on; use fewer or smaller folds"
                    + " or smaller gaps");
        }
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }
}
