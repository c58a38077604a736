package dev.modelregistry.api.training.service;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;

/**
 * How the time-stamp splits of {@link Splits} keep a label's window out of training: the label horizon
 * (a label at bar t spans bars t+1 .. t+horizon, say a 5-day forward return), the purge before each test
 * (and inner validation) window, the embargo after each k-fold test window, and the share of each
 * walk-forward training window kept back as its inner validation window.
 *
 * <p>Defaults for {@code horizon(h)}: purge and embargo of {@code h - 1} bars, the least that keeps every
 * training label's window clear of every test label's, and an inner validation window of the last 20 % of
 * each walk-forward training window's bars. The splits refuse a purge (or k-fold embargo) that covers
 * fewer than {@code h - 1} bars, with an {@link InvalidArgumentException} saying what to set; they never
 * raise it silently.
 *
 * <p>Immutable and thread-safe.
 */
public final class Purging {
    private final int horizon;
    private final Gap purge;
    private final Gap embargo;
    private final double validationFraction;

    private Purging(int horizon, Gap purge, Gap embargo, double validationFraction) {
        this.horizon = horizon;
        this.purge = purge;
        this.embargo = embargo;
        this.validationFraction = validationFraction;
    }

    /**
     * The defaults for labels that look {@code bars} bars ahead.
     *
     * @param bars the label horizon in bars (distinct time stamps), at least 1 (a next-bar label)
     * @return purge and embargo of {@code bars - 1}, inner validation of 20 %
     * @throws InvalidArgumentException if {@code bars < 1}
     */
    public static Purging horizon(int bars) {
        if (bars < 1) {
            throw new InvalidArgumentException("the label horizon must be >= 1 bar, got " + bars);
        }
        return new Purging(bars, Gap.bars(bars - 1), Gap.bars(bars - 1), 0.2);
    }

    /**
     * A copy with another purge, dropped before each test and inner validation window.
     *
     * @param value the purge; it must cover at least horizon − 1 bars where it is used
     * @return the copy
     */
    public Purging purge(Gap value) {
        return new Purging(horizon, Objects.requireNonNull(value, "value"), embargo, validationFraction);
    }

    /**
     * A copy with another embargo, dropped after each k-fold test window (walk-forward never trains after
     * its test window).
     *
     * @param value the embargo; it must cover at least horizon − 1 bars where it is used
     * @return the copy
     */
    public Purging embargo(Gap value) {
        return new Purging(horizon, purge, Objects.requireNonNull(value, "value"), validationFraction);
    }

    /**
     * A copy with another inner validation share for walk-forward.
     *
     * @param value in [0, 1); 0 keeps no validation window, so early stopping does not run in the folds
     * @return the copy
     * @throws InvalidArgumentException if out of range
     */
    public Purging validationFraction(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidArgumentException("validationFraction must be in [0, 1), got " + value);
        }
        return new Purging(horizon, purge, embargo, value);
    }

    /**
     * The label horizon.
     *
     * @return bars a label looks ahead
     */
    public int horizon() {
        return horizon;
    }

    /**
     * The purge.
     *
     * @return the gap before each test and validation window
     */
    public Gap purge() {
        return purge;
    }

    /**
     * The embargo.
     *
     * @return the gap after each k-fold test window
     */
    public Gap embargo() {
        return embargo;
    }

    /**
     * The inner validation share.
     *
     * @return the share of each walk-forward training window's bars that validates
     */
    public double validationFraction() {
        return validationFraction;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Purging p && horizon == p.horizon && purge.equals(p.purge) && embargo.equals(p.embargo)
                && validationFraction == p.validationFraction;
    }

    @Override
    public int hashCode() {
        return Objects.hash(horizon, purge, embargo, validationFraction);
    }

    @Override
    public String toString() {
        return "Purging[horizon " + horizon + ", purge " + purge + ", embargo " + embargo + ", validation "
                + validationFraction + "]";
    }
}
