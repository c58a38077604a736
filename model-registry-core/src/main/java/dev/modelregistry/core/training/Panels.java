package dev.modelregistry.core.training;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.core.evaluation.market.PriceFeatures;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Builds panel datasets: several assets observed at each time, as quants keep them. The result is a
 * {@link Dataset} whose rows are sorted by (time, asset) and which carries the asset key of every row
 * ({@link Dataset#assets()}); the time-stamp splits of
 * {@link dev.modelregistry.api.training.service.Splits} then never put one date on both sides of a fold,
 * and walk-forward hands the keys on to the evaluation, so costs and turnover are per asset.
 *
 * <p>Two layouts:
 * <ul>
 *   <li><b>long</b>: one row per (time, asset) with the features and the label already computed
 *       ({@link #fromLong}, {@link #fromLongCsv});</li>
 *   <li><b>wide</b>: one column per asset holding its closing prices or its returns ({@link #fromWide},
 *       {@link #fromWideCsv}). Each asset's features are the close features of {@link PriceFeatures}
 *       (computed from a price index when only returns are given), and its label the forward return over
 *       {@code horizon} bars. An empty cell (NaN) means the asset has no bar at that time (not yet listed,
 *       or closed for a local holiday): the asset's series skips it.</li>
 * </ul>
 * Times are as {@link Datasets#fromCsv} reads them: an integer index, or epoch seconds from ISO dates and
 * date-times.
 *
 * <p>Thread-safe: stateless.
 */
public final class Panels {
    /** What the asset columns of a wide table hold. */
    public enum Values {
        /** Closing prices, positive. */
        PRICES,
        /** Simple returns per bar, realised at that bar (from the previous bar), above −1. */
        RETURNS
    }

    private Panels() {
    }

    /**
     * A panel from a long table held in memory, in any row order.
     *
     * @param featureNames the feature names, in column order
     * @param times one time per row
     * @param assets one asset key per row
     * @param rows one feature row per row
     * @param labels one finite label per row
     * @return the dataset, sorted by (time, asset), with asset keys
     * @throws InvalidArgumentException if lengths differ or an asset appears twice at one time
     */
    public static Dataset fromLong(List<String> featureNames, long[] times, List<String> assets, double[][] rows,
            double[] labels) {
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(assets, "assets");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(labels, "labels");
        int n = times.length;
        if (assets.size() != n || rows.length != n || labels.length != n) {
            throw new InvalidArgumentException("a long panel needs one time, asset, feature row and label per row; got "
                    + n + " times, " + assets.size() + " assets, " + rows.length + " rows and " + labels.length
                    + " labels");
        }
        for (int i = 0; i < n; i++) {
            Objects.requireNonNull(assets.get(i), "asset of row " + i);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> times[i]).thenComparing(assets::get));
        double[][] x = new double[n][];
        double[] y = new double[n];
        long[] t = new long[n];
        List<String> a = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            x[k] = rows[i];
            y[k] = labels[i];
            t[k] = times[i];
            a.add(assets.get(i));
        }
        return Dataset.of(featureNames, x, y, t).withAssets(a);
    }

    /**
     * A panel from a long CSV file: a time column, an asset column, the label and the features.
     *
     * @param file the CSV file (UTF-8, with a header)
     * @param time the time column (integers, ISO dates or date-times, as {@link Datasets#fromCsv} reads them)
     * @param asset the asset column
     * @param label the label column
     * @param features the feature columns, in order; empty means every other column
     * @param zone the zone of local date-times, if the file holds any
     * @return the dataset, sorted by (time, asset), with asset keys
     * @throws InvalidArgumentException naming the column and line of a bad value, a missing column, or an asset
     *         that appears twice at one time
     */
    public static Dataset fromLongCsv(Path file, String time, String asset, String label, List<String> features,
            Optional<ZoneId> zone) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(zone, "zone");
        List<Map<String, String>> rows = Datasets.csvRows(file);
        List<String> header = new ArrayList<>(rows.get(0).keySet());
        for (String c : List.of(time, asset, label)) {
            Datasets.requireColumn(file, header, c);
        }
        List<String> names = features.isEmpty()
                ? header.stream().filter(c -> !c.equals(label) && !c.equals(time) && !c.equals(asset)).toList()
                : List.copyOf(features);
        names.forEach(c -> Datasets.requireColumn(file, header, c));
        long[] t = Datasets.csvTimes(file, rows, time, zone.orElse(null));
        double[][] x = new double[rows.size()][names.size()];
        double[] y = new double[rows.size()];
        List<String> keys = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Map<String, String> row = rows.get(r);
            for (int j = 0; j < names.size(); j++) {
                x[r][j] = Datasets.number(file, r + 2, names.get(j), row.get(names.get(j)));
            }
            y[r] = Datasets.number(file, r + 2, label, row.get(label));
            String key = row.get(asset);
            if (key == null || key.isEmpty()) {
                throw new InvalidArgumentException(file + " line " + (r + 2) + ": asset column '" + asset
                        + "' is empty");
            }
            keys.add(key);
        }
        return fromLong(names, t, keys, x, y);
    }

    /**
     * A panel from a wide table held in memory: one series per asset, prices or returns, on shared times.
     * Each asset's rows are those of {@link PriceFeatures#forwardReturns(double[], long[], int)} (prices) or
     * {@link PriceFeatures#fromReturns} (returns) on its own bars, features {@link PriceFeatures#NAMES}, label
     * the forward return over {@code horizon} of that asset's bars.
     *
     * @param times the shared times, increasing
     * @param columns asset key to its values at each time (NaN: no bar), in any order
     * @param values what the columns hold
     * @param horizon the label's horizon in bars, at least 1
     * @return the dataset, sorted by (time, asset), with asset keys
     * @throws InvalidArgumentException if a column's length differs from the times, an asset has too few bars
     *         for the warm-up and the horizon, or a value is out of range (naming the asset)
     */
    public static Dataset fromWide(long[] times, Map<String, double[]> columns, Values values, int horizon) {
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(values, "values");
        if (columns.isEmpty()) {
            throw new InvalidArgumentException("a wide panel needs at least one asset column");
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] <= times[i - 1]) {
                throw new InvalidArgumentException("time " + i + " (" + times[i] + ") is not after time " + (i - 1)
                        + " (" + times[i - 1] + "); a wide table has one row per time, in increasing order");
            }
        }
        List<long[]> allTimes = new ArrayList<>();
        List<String> allAssets = new ArrayList<>();
        List<double[]> allRows = new ArrayList<>();
        List<Double> allLabels = new ArrayList<>();
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            String asset = Objects.requireNonNull(e.getKey(), "asset key");
            double[] column = Objects.requireNonNull(e.getValue(), "column of " + asset);
            if (column.length != times.length) {
                throw new InvalidArgumentException("asset '" + asset + "' has " + column.length + " values for "
                        + times.length + " times");
            }
            int[] present = IntStream.range(0, column.length).filter(i -> !Double.isNaN(column[i])).toArray();
            double[] series = Arrays.stream(present).mapToDouble(i -> column[i]).toArray();
            long[] own = Arrays.stream(present).mapToLong(i -> times[i]).toArray();
            Dataset d;
            try {
                d = values == Values.PRICES ? PriceFeatures.forwardReturns(series, own, horizon)
                        : PriceFeatures.fromReturns(series, own, horizon);
            } catch (InvalidArgumentException ex) {
                throw new InvalidArgumentException("asset '" + asset + "': " + ex.getMessage(), ex);
            }
            long[] dt = d.times().orElseThrow();
            for (int r = 0; r < d.rowCount(); r++) {
                allTimes.add(new long[] {dt[r]});
                allAssets.add(asset);
                allRows.add(d.row(r));
                allLabels.add(d.label(r));
            }
        }
        return fromLong(PriceFeatures.NAMES, allTimes.stream().mapToLong(t -> t[0]).toArray(), allAssets,
                allRows.toArray(double[][]::new), allLabels.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * A panel from a wide CSV file: a time column and one column per asset, prices or returns (see
     * {@link #fromWide}). Empty cells, {@code NA} and {@code NaN} mean no bar.
     *
     * @param file the CSV file (UTF-8, with a header)
     * @param time the time column (integers, ISO dates or date-times, as {@link Datasets#fromCsv} reads them)
     * @param assets the asset columns; empty means every column but the time
     * @param values what the asset columns hold
     * @param horizon the label's horizon in bars, at least 1
     * @param zone the zone of local date-times, if the file holds any
     * @return the dataset, sorted by (time, asset), with asset keys
     * @throws InvalidArgumentException naming the column and line of a bad value, or as {@link #fromWide} does
     */
    public static Dataset fromWideCsv(Path file, String time, List<String> assets, Values values, int horizon,
            Optional<ZoneId> zone) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(assets, "assets");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(zone, "zone");
        List<Map<String, String>> rows = Datasets.csvRows(file);
        List<String> header = new ArrayList<>(rows.get(0).keySet());
        Datasets.requireColumn(file, header, time);
        List<String> names = assets.isEmpty() ? header.stream().filter(c -> !c.equals(time)).toList()
                : List.copyOf(assets);
        names.forEach(c -> Datasets.requireColumn(file, header, c));
        long[] t = Datasets.csvTimes(file, rows, time, zone.orElse(null));
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String asset : names) {
            double[] column = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                column[r] = Datasets.number(file, r + 2, asset, rows.get(r).get(asset));
            }
            columns.put(asset, column);
        }
        return fromWide(t, columns, values, horizon);
    }
}
