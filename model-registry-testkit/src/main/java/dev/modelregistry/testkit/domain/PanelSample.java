package dev.modelregistry.testkit.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A synthetic panel of daily returns as {@link DomainGen#panels(int, int, int, int)} makes it: business
 * days with some holidays, several assets whose returns share a market factor (so rows of one date are
 * correlated, as real cross-sections are), and some missing cells (an asset without a bar that day).
 *
 * <p>Immutable and thread-safe: the constructor copies the arrays and the accessors return copies.
 *
 * @param assets the asset keys, distinct, in column order
 * @param times one time per date: midnight UTC in epoch seconds, strictly increasing, weekdays only
 * @param returns one row per date, one simple return per asset; NaN where the asset has no bar
 */
public record PanelSample(List<String> assets, long[] times, double[][] returns) {
    /**
     * Validates the shapes and copies everything.
     *
     * @param assets the asset keys
     * @param times the dates
     * @param returns the returns, {@code [date][asset]}
     * @throws IllegalArgumentException if the shapes disagree or times do not increase
     */
    public PanelSample {
        assets = List.copyOf(assets);
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(returns, "returns");
        if (returns.length != times.length) {
            throw new IllegalArgumentException(returns.length + " return rows for " + times.length + " times");
        }
        for (int i = 0; i < times.length; i++) {
            if (i > 0 && times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("times must increase; row " + i);
            }
            if (returns[i].length != assets.size()) {
                throw new IllegalArgumentException("row " + i + " has " + returns[i].length + " returns for "
                        + assets.size() + " assets");
            }
        }
        times = times.clone();
        returns = Arrays.stream(returns).map(double[]::clone).toArray(double[][]::new);
    }

    /**
     * The dates.
     *
     * @return a copy
     */
    @Override
    public long[] times() {
        return times.clone();
    }

    /**
     * The returns.
     *
     * @return a copy, {@code [date][asset]}
     */
    @Override
    public double[][] returns() {
        return Arrays.stream(returns).map(double[]::clone).toArray(double[][]::new);
    }

    /**
     * The panel as a wide table.
     *
     * @return asset key to its return at each date (NaN: no bar), in asset order
     */
    public Map<String, double[]> columns() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int a = 0; a < assets.size(); a++) {
            double[] column = new double[times.length];
            for (int t = 0; t < times.length; t++) {
                column[t] = returns[t][a];
            }
            out.put(assets.get(a), column);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PanelSample p && assets.equals(p.assets) && Arrays.equals(times, p.times)
                && Arrays.deepEquals(returns, p.returns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(assets, Arrays.hashCode(times), Arrays.deepHashCode(returns));
    }

    @Override
    public String toString() {
        return "PanelSample[" + assets.size() + " assets × " + times.length + " dates from " + (times.length == 0 ? "-"
                : java.time.Instant.ofEpochSecond(times[0])) + "]";
    }
}
