package dev.modelregistry.trainer.xgboost;

import dev.modelregistry.api.training.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Seeded synthetic datasets for the tests. */
final class SyntheticData {
    private SyntheticData() {
    }

    static List<String> names(int width) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            names.add("x" + i);
        }
        return names;
    }

    static double[][] gaussianRows(Random random, int rows, int width) {
        double[][] out = new double[rows][width];
        for (double[] row : out) {
            for (int c = 0; c < width; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return out;
    }

    static Dataset dataset(double[][] rows, ToDoubleFunction<double[]> label) {
        double[] labels = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            labels[r] = label.applyAsDouble(rows[r]);
        }
        return Dataset.of(names(rows[0].length), rows, labels);
    }

    /** y = 3·x0 − 2·x1 + 0.1·noise over three features (x2 is irrelevant). */
    static Dataset linear(long seed, int rows) {
        Random random = new Random(seed);
        return dataset(gaussianRows(random, rows, 3), x -> 3 * x[0] - 2 * x[1] + 0.1 * random.nextGaussian());
    }

    /** Class 1 exactly when x0 + x1 > 0. */
    static Dataset separable(long seed, int rows) {
        Random random = new Random(seed);
        return dataset(gaussianRows(random, rows, 3), x -> x[0] + x[1] > 0 ? 1 : 0);
    }

    /** Labels unrelated to the features. */
    static Dataset noise(long seed, int rows) {
        Random random = new Random(seed);
        return dataset(gaussianRows(random, rows, 5), x -> random.nextGaussian());
    }

    static double rmse(double[] predicted, Dataset data) {
        double sum = 0;
        for (int r = 0; r < predicted.length; r++) {
            double e = predicted[r] - data.label(r);
            sum += e * e;
        }
        return Math.sqrt(sum / predicted.length);
    }

    static double std(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
