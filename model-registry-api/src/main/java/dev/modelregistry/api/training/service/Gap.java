package dev.modelregistry.api.training.service;

import dev.modelregistry.api.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/**
 * A purge or an embargo for the time-stamp splits of {@link Splits}: either a number of bars (distinct
 * time stamps, so one bar of a panel is every asset's row at that time) or a span of time. A span counts
 * every time stamp within it, so the time stamps must be epoch seconds, as {@code Datasets.fromCsv} makes
 * of dates and date-times.
 *
 * <p>Immutable and thread-safe.
 */
public final class Gap {
    private final int bars;
    private final Duration span;

    private Gap(int bars, Duration span) {
        this.bars = bars;
        this.span = span;
    }

    /**
     * A gap of {@code n} bars (distinct time stamps).
     *
     * @param n at least 0
     * @return the gap
     * @throws InvalidArgumentException if {@code n} is negative
     */
    public static Gap bars(int n) {
        if (n < 0) {
            throw new InvalidArgumentException("a gap must be >= 0 bars, got " + n);
        }
        return new Gap(n, null);
    }

    /**
     * A gap of a span of time: every time stamp less than {@code span} seconds away from the window's edge.
     *
     * @param span zero or positive; time stamps are read as epoch seconds
     * @return the gap
     * @throws InvalidArgumentException if {@code span} is negative
     */
    public static Gap of(Duration span) {
        Objects.requireNonNull(span, "span");
        if (span.isNegative()) {
            throw new InvalidArgumentException("a gap must not be negative, got " + span);
        }
        return new Gap(-1, span);
    }

    /**
     * How many of the distinct time stamps before (or after) the window's edge fall in the gap.
     *
     * @param stamps the distinct time stamps, increasing
     * @param edge index of the first stamp of the window (before) or of the last (after)
     * @param before whether the gap lies before the window
     */
    int count(long[] stamps, int edge, boolean before) {
        if (span == null) {
            return bars;
        }
        long seconds = span.getSeconds() + (span.getNano() > 0 ? 1 : 0);
        int n = 0;
        if (before) {
            for (int i = edge - 1; i >= 0 && stamps[edge] - stamps[i] < seconds; i--) {
                n++;
            }
        } else {
            for (int i = edge + 1; i < stamps.length && stamps[i] - stamps[edge] < seconds; i++) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gap g && bars == g.bars && Objects.equals(span, g.span);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bars, span);
    }

    @Override
    public String toString() {
        return span == null ? "Gap.bars(" + bars + ")" : "Gap.of(" + span + ")";
    }
}
