package dev.modelregistry.api.training;

import dev.modelregistry.api.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rows of named numeric features with a label, an optional time index and optional asset keys. Feature
 * values may be NaN (missing) or infinite (treated as missing by preprocessing); labels must be finite.
 * Times, when present, never decrease, so row order is time order. A panel (several assets observed at
 * each time) carries an asset key per row ({@link #withAssets}); rows sharing a time are then one
 * cross-section, and no asset appears twice at one time.
 *
 * <p>Immutable and thread-safe: every accessor returns copies.
 */
public final class Dataset {
    private final List<String> featureNames;
    private final int rows;
    private final double[] values;
    private final double[] labels;
    private final long[] times;
    private final List<String> assets;

    private Dataset(List<String> featureNames, int rows, double[] values, double[] labels, long[] times,
            List<String> assets) {
        this.featureNames = featureNames;
        this.rows = rows;
        this.values = values;
        this.labels = labels;
        this.times = times;
        this.assets = assets;
    }

    /**
     * A dataset without a time index.
     *
     * @param featureNames the feature names, unique, in column order
     * @param rows one array per row, each as wide as {@code featureNames}
     * @param labels one finite label per row
     * @return the dataset
     * @throws InvalidArgumentException if shapes disagree, a name repeats or a label is not finite
     */
    public static Dataset of(List<String> featureNames, double[][] rows, double[] labels) {
        return build(featureNames, rows, labels, null);
    }

    /**
     * A dataset with a time index (for example epoch days or a trading-day number).
     *
     * @param featureNames the feature names, unique, in column order
     * @param rows one array per row
     * @param labels one finite label per row
     * @param times one time per row, never decreasing
     * @return the dataset
     * @throws InvalidArgumentException if shapes disagree or times decrease
     */
    public static Dataset of(List<String> featureNames, double[][] rows, double[] labels, long[] times) {
        return build(featureNames, rows, labels, Objects.requireNonNull(times, "times"));
    }

    private static Dataset build(List<String> names, double[][] rows, double[] labels, long[] times) {
        List<String> featureNames = List.copyOf(names);
        if (featureNames.isEmpty()) {
            throw new InvalidArgumentException("a dataset needs at least one feature");
        }
        if (new HashSet<>(featureNames).size() != featureNames.size()) {
            throw new InvalidArgumentException("feature names repeat: " + featureNames);
        }
        if (rows.length != labels.length) {
            throw new InvalidArgumentException(rows.length + " rows but " + labels.length + " labels");
        }
        if (times != null && times.length != rows.length) {
            throw new InvalidArgumentException(rows.length + " rows but " + times.length + " times");
        }
        int p = featureNames.size();
        double[] values = new double[Math.multiplyExact(rows.length, p)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != p) {
                throw new InvalidArgumentException("row " + r + " has " + (rows[r] == null ? 0 : rows[r].length)
                        + " values; the dataset has " + p + " features " + featureNames);
            }
            if (!Double.isFinite(labels[r])) {
                throw new InvalidArgumentException("label of row " + r + " is " + labels[r] + "; labels must be finite");
            }
            if (times != null && r > 0 && times[r] < times[r - 1]) {
                throw new InvalidArgumentException("time of row " + r + " (" + times[r] + ") is before row " + (r - 1)
                        + " (" + times[r - 1] + "); rows must be in time order");
            }
            System.arraycopy(rows[r], 0, values, r * p, p);
        }
        return new Dataset(featureNames, rows.length, values, labels.clone(), times == null ? null : times.clone(),
                null);
    }

    /**
     * A copy with an asset key per row: the dataset becomes a panel, whose rows sharing a time are one
     * cross-section. Evaluation keeps the keys (walk-forward passes them into its predictions), so costs and
     * turnover are computed per asset.
     *
     * @param keys one non-null asset key per row
     * @return the copy
     * @throws InvalidArgumentException if the dataset has no times, the count differs from the rows, or an
     *         asset appears twice at one time
     */
    public Dataset withAssets(List<String> keys) {
        List<String> a = List.copyOf(keys);
        if (times == null) {
            throw new InvalidArgumentException("asset keys need a time index: a panel's rows are grouped by time");
        }
        if (a.size() != rows) {
            throw new InvalidArgumentException(a.size() + " asset keys for " + rows + " rows");
        }
        HashSet<String> seen = new HashSet<>();
        for (int r = 0; r < rows; r++) {
            if (r > 0 && times[r] != times[r - 1]) {
                seen.clear();
            }
            if (!seen.add(a.get(r))) {
                throw new InvalidArgumentException("asset '" + a.get(r) + "' appears twice at time " + times[r]
                        + " (row " + r + "); a panel holds one row per asset and time");
            }
        }
        return new Dataset(featureNames, rows, values, labels, times, a);
    }

    /**
     * The asset keys of a panel.
     *
     * @return one key per row, or empty if the dataset has none
     */
    public Optional<List<String>> assets() {
        return Optional.ofNullable(assets);
    }

    /**
     * The feature names, in column order.
     *
     * @return the names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The number of features.
     *
     * @return the column count
     */
    public int featureCount() {
        return featureNames.size();
    }

    /**
     * The number of rows.
     *
     * @return the row count
     */
    public int rowCount() {
        return rows;
    }

    /**
     * One value.
     *
     * @param row the row, from 0
     * @param column the feature column, from 0
     * @return the value (may be NaN or infinite)
     */
    public double value(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, featureNames.size());
        return values[row * featureNames.size() + column];
    }

    /**
     * One row's features.
     *
     * @param row the row, from 0
     * @return a copy of the row
     */
    public double[] row(int row) {
        Objects.checkIndex(row, rows);
        int p = featureNames.size();
        double[] out = new double[p];
        System.arraycopy(values, row * p, out, 0, p);
        return out;
    }

    /**
     * All rows.
     *
     * @return a copy, one array per row
     */
    public double[][] rows() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = row(r);
        }
        return out;
    }

    /**
     * The feature matrix as row-major floats, the layout native libraries take.
     *
     * @return a copy of length rows × features
     */
    public float[] rowMajorFloats() {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /**
     * The feature matrix as row-major doubles.
     *
     * @return a copy of length rows × features
     */
    public double[] rowMajorDoubles() {
        return values.clone();
    }

    /**
     * One row's label.
     *
     * @param row the row, from 0
     * @return the label
     */
    public double label(int row) {
        Objects.checkIndex(row, rows);
        return labels[row];
    }

    /**
     * All labels.
     *
     * @return a copy
     */
    public double[] labels() {
        return labels.clone();
    }

    /**
     * The time index.
     *
     * @return a copy of the times, or empty if the dataset has none
     */
    public Optional<long[]> times() {
        return times == null ? Optional.empty() : Optional.of(times.clone());
    }

    /**
     * The rows at the given indices, in that order (times, and asset keys, kept only if the indices
     * increase).
     *
     * @param indices row indices
     * @return the subset
     */
    public Dataset select(int[] indices) {
        double[][] r = new double[indices.length][];
        double[] l = new double[indices.length];
        long[] t = times == null ? null : new long[indices.length];
        boolean ordered = true;
        for (int i = 0; i < indices.length; i++) {
            r[i] = row(indices[i]);
            l[i] = labels[indices[i]];
            if (t != null) {
                t[i] = times[indices[i]];
            }
            ordered &= i == 0 || indices[i] > indices[i - 1];
        }
        Dataset out = build(featureNames, r, l, ordered ? t : null);
        if (assets != null && ordered) {
            List<String> a = new java.util.ArrayList<>(indices.length);
            for (int index : indices) {
                a.add(assets.get(index));
            }
            out = new Dataset(out.featureNames, out.rows, out.values, out.labels, out.times, List.copyOf(a));
        }
        return out;
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from the first row
     * @param to one past the last row
     * @return the slice
     */
    public Dataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, rows);
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return select(idx);
    }

    /**
     * A SHA-256 fingerprint of names, values, labels, times and asset keys (when present): equal data, equal
     * fingerprint.
     *
     * @return 64 hex digits
     */
    public String fingerprint() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
        md.update(String.join("\u0000", featureNames).getBytes(StandardCharsets.UTF_8));
        ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
        for (double v : values) {
            flushIfFull(md, buf).putDouble(v);
        }
        for (double v : labels) {
            flushIfFull(md, buf).putDouble(v);
        }
        if (times != null) {
            for (long t : times) {
                flushIfFull(md, buf).putLong(t);
            }
        }
        buf.flip();
        md.update(buf);
        if (assets != null) {
            md.update("\u0000assets\u0000".getBytes(StandardCharsets.UTF_8));
            md.update(String.join("\u0000", assets).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static ByteBuffer flushIfFull(MessageDigest md, ByteBuffer buf) {
        if (buf.remaining() < 8) {
            buf.flip();
            md.update(buf);
            buf.clear();
        }
        return buf;
    }

    @Override
    public String toString() {
        return "Dataset[" + rows + " rows × " + featureNames.size() + " features " + featureNames
                + (times == null ? "" : ", timed") + (assets == null ? "" : ", " + assetCount() + " assets") + "]";
    }

    private long assetCount() {
        return assets.stream().distinct().count();
    }
}
