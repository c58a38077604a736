package dev.modelregistry.api.training.service;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Validation splits for rows in time order. No split shuffles rows: in markets, a shuffled fold
 * trains on the future.
 *
 * <p>Two families. The <b>time-stamp</b> splits (taking {@code long[] times} and a {@link Purging}) count
 * sizes, purge and embargo in bars, that is distinct time stamps, so on a panel (several assets' rows per
 * time stamp) no time stamp is ever split between training and testing. They check the purge against the
 * label horizon, and walk-forward keeps a purged inner validation window at the end of each training
 * window, so early stopping runs in every fold. The <b>row</b> splits (taking a row count) count rows; on a
 * single series with a purge of at least horizon − 1 they give the same folds, without inner validation.
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

    /**
     * One time-stamp split: the last {@code testFraction} of the bars test, the bars before (less the purge)
     * train.
     *
     * @param times one time stamp per row, never decreasing (rows of a bar adjacent, as in a panel)
     * @param testFraction between 0 and 1, exclusive, of the distinct time stamps
     * @param purging the label horizon and the purge
     * @return one split, without validation rows
     * @throws InvalidArgumentException if times decrease, the purge is shorter than horizon − 1 bars, or no
     *         bar is left to train on
     */
    public static List<Split> holdout(long[] times, double testFraction, Purging purging) {
        Bars bars = Bars.of(times, purging);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int n = bars.count();
        int testStart = n - Math.max(1, (int) Math.round(n * testFraction));
        int trainEnd = testStart - bars.purgeBefore(testStart, "the test window");
        requireTrain(trainEnd, "holdout");
        return List.of(new Split(bars.rows(0, trainEnd), bars.rows(testStart, n)));
    }

    /**
     * Contiguous k-fold over time stamps (purged, with embargo): fold i tests the i-th block of bars; it
     * trains on every other bar except the purge before and the embargo after the block.
     *
     * @param times one time stamp per row, never decreasing
     * @param k the number of folds, at least 2 and at most the number of distinct time stamps
     * @param purging the label horizon, purge and embargo (both at least horizon − 1 bars)
     * @return k splits, without validation rows
     * @throws InvalidArgumentException if times decrease, a gap is shorter than horizon − 1 bars, or a fold
     *         has nothing to train on
     */
    public static List<Split> kFold(long[] times, int k, Purging purging) {
        Bars bars = Bars.of(times, purging);
        int n = bars.count();
        if (k < 2 || k > n) {
            throw new InvalidArgumentException("k must be in 2.." + n + " (the distinct time stamps), got " + k);
        }
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int start = (int) ((long) n * i / k);
            int end = (int) ((long) n * (i + 1) / k);
            int lo = start - bars.purgeBefore(start, "test fold " + i);
            int hi = end + bars.embargoAfter(end - 1, "test fold " + i);
            int[] before = bars.rows(0, Math.max(0, lo));
            int[] after = bars.rows(Math.min(n, hi), n);
            int[] train = IntStream.concat(IntStream.of(before), IntStream.of(after)).toArray();
            requireTrain(train.length, "fold " + i);
            out.add(new Split(train, bars.rows(start, end)));
        }
        return out;
    }

    /**
     * Walk-forward over time stamps: {@code folds} consecutive test windows of {@code testBars} bars ending
     * at the last bar. Each fold's window runs from the first bar (expanding) or the {@code trainBars} bars
     * before (rolling) up to the purge before its test window; its last {@link Purging#validationFraction()}
     * of bars validate (early stopping, {@code validation_*} metrics), and the purge before them is dropped
     * too, so validation labels never overlap training labels. The embargo is not used: walk-forward never
     * trains after its test window.
     *
     * @param times one time stamp per row, never decreasing
     * @param folds the number of test windows, at least 1
     * @param testBars distinct time stamps per test window, at least 1
     * @param window expanding or rolling
     * @param trainBars bars per rolling window, validation included (ignored when expanding)
     * @param purging the label horizon, purge and validation share
     * @return the splits, oldest first
     * @throws InvalidArgumentException if times decrease, the purge is shorter than horizon − 1 bars, or a
     *         fold has nothing to train on
     */
    public static List<Split> walkForward(long[] times, int folds, int testBars, Window window, int trainBars,
            Purging purging) {
        Objects.requireNonNull(window, "window");
        Bars bars = Bars.of(times, purging);
        if (folds < 1 || testBars < 1) {
            throw new InvalidArgumentException("folds and testBars must be >= 1, got " + folds + " and " + testBars);
        }
        if (window == Window.ROLLING && trainBars < 1) {
            throw new InvalidArgumentException("a rolling window needs trainBars >= 1, got " + trainBars);
        }
        int n = bars.count();
        int firstTest = n - folds * testBars;
        if (firstTest < 1) {
            throw new InvalidArgumentException(folds + " test windows of " + testBars + " bars need more than the "
                    + n + " distinct time stamps there are");
        }
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < folds; i++) {
            int testStart = firstTest + i * testBars;
            String what = "walk-forward fold " + i;
            int end = testStart - bars.purgeBefore(testStart, "the test window of " + what);
            int start = window == Window.EXPANDING ? 0 : Math.max(0, end - trainBars);
            requireTrain(end - start, what);
            int validationBars = (int) Math.ceil((end - start) * purging.validationFraction());
            int[] validation = new int[0];
            int trainEnd = end;
            if (validationBars > 0) {
                int validationStart = end - validationBars;
                trainEnd = validationStart - bars.purgeBefore(validationStart, "the validation window of " + what);
                if (trainEnd - start < 1) {
                    throw new InvalidArgumentException(what + " has no bars left to train on before its purged"
                            + " validation window; use a longer training window, fewer folds or a smaller"
                            + " validationFraction");
                }
                validation = bars.rows(validationStart, end);
            }
            out.add(new Split(bars.rows(start, trainEnd), validation, bars.rows(testStart, testStart + testBars)));
        }
        return out;
    }

    /** Distinct time stamps and the rows each one spans, with the purging checked against them. */
    private static final class Bars {
        private final long[] stamps;
        private final int[] firstRow;
        private final Purging purging;

        private Bars(long[] stamps, int[] firstRow, Purging purging) {
            this.stamps = stamps;
            this.firstRow = firstRow;
            this.purging = purging;
        }

        static Bars of(long[] times, Purging purging) {
            Objects.requireNonNull(times, "times");
            Objects.requireNonNull(purging, "purging");
            List<Long> stamps = new ArrayList<>();
            List<Integer> first = new ArrayList<>();
            for (int r = 0; r < times.length; r++) {
                if (r > 0 && times[r] < times[r - 1]) {
                    throw new InvalidArgumentException("time of row " + r + " (" + times[r] + ") is before row "
                            + (r - 1) + " (" + times[r - 1] + "); rows must be in time order");
                }
                if (r == 0 || times[r] != times[r - 1]) {
                    stamps.add(times[r]);
                    first.add(r);
                }
            }
            if (stamps.size() < 2) {
                throw new InvalidArgumentException("time-stamp splits need at least 2 distinct time stamps, got "
                        + stamps.size());
            }
            first.add(times.length);
            return new Bars(stamps.stream().mapToLong(Long::longValue).toArray(),
                    first.stream().mapToInt(Integer::intValue).toArray(), purging);
        }

        int count() {
            return stamps.length;
        }

        /** The rows of bars {@code from} (inclusive) to {@code to} (exclusive). */
        int[] rows(int from, int to) {
            return to <= from ? new int[0] : range(firstRow[from], firstRow[to]);
        }

        int purgeBefore(int bar, String window) {
            return checked(purging.purge().count(stamps, bar, true), Math.min(bar, purging.horizon() - 1), "purge",
                    window, "before");
        }

        int embargoAfter(int bar, String window) {
            int left = stamps.length - 1 - bar;
            return checked(purging.embargo().count(stamps, bar, false), Math.min(left, purging.horizon() - 1),
                    "embargo", window, "after");
        }

        /** Refuses a gap that leaves a training label overlapping the window's labels. */
        private int checked(int gap, int needed, String name, String window, String side) {
            if (gap < needed) {
                int h = purging.horizon();
                throw new InvalidArgumentException("the " + name + " " + side + " " + window + " covers " + gap
                        + " bar(s), fewer than the label horizon " + h + " - 1 = " + (h - 1) + ": training labels"
                        + " would overlap the window's labels; set " + name + "(Gap.bars(" + (h - 1)
                        + ")) or more on Purging.horizon(" + h + "), or leave the default");
            }
            return gap;
        }
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
