package com.example.ridge;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.NativeModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A fitted linear model: {@code intercept + Σ weight·x}. Its format is a magic number, a version, the
 * width, the best iteration (0 for none), then the intercept and weights as IEEE doubles, so that a read
 * model predicts bit for bit what the written one did.
 *
 * <p>Immutable and thread-safe; holds no native memory.
 */
final class RidgeModel implements NativeModel {
    static final String FORMAT_ID = "example-ridge-v1";
    private static final int MAGIC = 0x52494447; // "RIDG"
    private static final int VERSION = 1;

    private final double intercept;
    private final double[] weights;
    private final Optional<Integer> bestIteration;

    private RidgeModel(double intercept, double[] weights, Optional<Integer> bestIteration) {
        this.intercept = intercept;
        this.weights = weights;
        this.bestIteration = bestIteration;
    }

    /** Folds the standardisation into the weights, so prediction needs no means or scales. */
    static RidgeModel unstandardise(double b, double[] w, double[] mean, double[] scale, Optional<Integer> best) {
        double[] weights = new double[w.length];
        double intercept = b;
        for (int j = 0; j < w.length; j++) {
            weights[j] = w[j] / scale[j];
            intercept -= weights[j] * mean[j];
        }
        return new RidgeModel(intercept, weights, best);
    }

    static RidgeModel read(InputStream in, int featureCount) throws IOException {
        // Not closed: the caller owns the stream.
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not an " + FORMAT_ID + " model: wrong magic number");
        }
        int version = data.readInt();
        if (version != VERSION) {
            throw new IOException("unsupported " + FORMAT_ID + " version " + version);
        }
        int width = data.readInt();
        if (width != featureCount) {
            throw new IOException("model has " + width + " features, expected " + featureCount);
        }
        int best = data.readInt();
        double intercept = data.readDouble();
        double[] weights = new double[width];
        for (int j = 0; j < width; j++) {
            weights[j] = data.readDouble();
        }
        return new RidgeModel(intercept, weights, best > 0 ? Optional.of(best) : Optional.empty());
    }

    @Override
    public double predict(double[] features) {
        if (features.length != weights.length) {
            throw new InvalidArgumentException("expected " + weights.length + " features, got " + features.length);
        }
        double sum = intercept;
        for (int j = 0; j < weights.length; j++) {
            sum += weights[j] * features[j];
        }
        return sum;
    }

    @Override
    public int featureCount() {
        return weights.length;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(weights.length);
        data.writeInt(bestIteration.orElse(0));
        data.writeDouble(intercept);
        for (double w : weights) {
            data.writeDouble(w);
        }
        // Flushed, not closed: the caller owns the stream.
        data.flush();
    }

    @Override
    public Optional<Integer> bestIteration() {
        return bestIteration;
    }

    @Override
    public Map<Integer, Double> featureImportance() {
        Map<Integer, Double> importance = new TreeMap<>();
        for (int j = 0; j < weights.length; j++) {
            importance.put(j, Math.abs(weights[j]));
        }
        return importance;
    }

    @Override
    public long sizeBytes() {
        return 16L + 8L * (weights.length + 1);
    }

    @Override
    public void close() {
        // Nothing to free: the model is plain Java arrays.
    }
}
