package dev.modelregistry.api.training;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A trainer that describes itself and trains nothing, and small datasets, for this package's tests. */
final class Fixtures {
    private Fixtures() {
    }

    static final List<HyperParameter> DECLARED = List.of(
            HyperParameter.integer("rounds", 100, 1, 1_000, "iterations"),
            HyperParameter.real("eta", 0.3, 0.0, 1.0, "learning rate"),
            HyperParameter.choice("optimiser", "adagrad", List.of("adagrad", "adam"), "the optimiser"),
            new HyperParameter("verbose", HyperParameter.Type.BOOLEAN, "false", Optional.empty(), Optional.empty(),
                    List.of(), "whether to talk"));

    /** A trainer for regression and binary classification; {@code missing} says whether it takes NaN. */
    static Trainer trainer(boolean missing) {
        return new TrainerSupport("fake", "fake-format", "1.0", "com.example:fake",
                Set.of(Task.REGRESSION, Task.BINARY_CLASSIFICATION), DECLARED) {
            @Override
            public boolean handlesMissingValues() {
                return missing;
            }

            @Override
            public NativeModel train(TrainingInput input) {
                throw new UnsupportedOperationException("a fake trains nothing");
            }

            @Override
            public NativeModel read(InputStream in, int featureCount) {
                throw new UnsupportedOperationException("a fake reads nothing");
            }
        };
    }

    /** Rows with features a and b; the labels are given. */
    static Dataset data(double... labels) {
        double[][] rows = new double[labels.length][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[] {r, -r};
        }
        return Dataset.of(List.of("a", "b"), rows, labels);
    }

    static TrainingInput input(TrainingSpec spec, Optional<Dataset> validation) {
        return TrainingInput.of(trainer(true), spec, data(1, 2, 3), validation, TrainingContext.NONE);
    }

    /** A native model that only records whether it was closed. */
    static final class Closable implements NativeModel {
        boolean closed;

        @Override
        public double predict(double[] features) {
            return 0;
        }

        @Override
        public int featureCount() {
            return 2;
        }

        @Override
        public void write(OutputStream out) {
        }

        @Override
        public Optional<Integer> bestIteration() {
            return Optional.empty();
        }

        @Override
        public Map<Integer, Double> featureImportance() {
            return Map.of();
        }

        @Override
        public long sizeBytes() {
            return 1;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
