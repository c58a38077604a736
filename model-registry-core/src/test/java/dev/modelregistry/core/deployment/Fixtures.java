package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.util.List;
import java.util.SplittableRandom;

/** Shared helpers of the deployment tests. */
final class Fixtures {
    static final List<String> FEATURES = List.of("x0", "x1", "x2", "x3", "x4");

    private Fixtures() {
    }

    /** Registers a test-linear model; a constant when slope is 0. */
    static ModelRef.Numbered linear(ModelRegistry registry, String model, double intercept, double slope,
            int failEvery) {
        return linear(registry, model, intercept, slope, failEvery, 0);
    }

    static ModelRef.Numbered linear(ModelRegistry registry, String model, double intercept, double slope,
            int failEvery, int sleepMillis) {
        ModelVersion v = registry.versions().register(model,
                LinearTestCodec.artifact(intercept, slope, failEvery, sleepMillis),
                ModelMetadata.of(LinearTestCodec.FORMAT));
        return numbered(v);
    }

    /** Registers a version of {@code model} that predicts its own version number. */
    static ModelRef.Numbered constantOwnNumber(ModelRegistry registry, String model) {
        int next = registry.versions().find(ModelRef.latest(model)).map(ModelVersion::version).orElse(0) + 1;
        ModelRef.Numbered v = linear(registry, model, next, 0, 0);
        if (v.version() != next) {
            throw new IllegalStateException("expected version " + next + ", got " + v);
        }
        return v;
    }

    /** Trains a small LightGBM regressor on {@link #synthetic} rows and registers it. */
    static ModelRef.Numbered trained(ModelRegistry registry, String model, long seed) {
        try (TrainedModel trained = registry.training().train(TrainingRequest.of("lightgbm", synthetic(600, seed)))) {
            return numbered(registry.training().register(model, trained));
        }
    }

    static ModelRef.Numbered numbered(ModelVersion v) {
        return new ModelRef.Numbered(v.model(), v.version());
    }

    /** The training distribution: five features uniform in [-1, 1), target 3 x0 - 2 x1 + x2 x3 + noise. */
    static Dataset synthetic(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = rows(rows, random, 0);
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = 3 * x[r][0] - 2 * x[r][1] + x[r][2] * x[r][3] + 0.05 * random.nextGaussian();
        }
        return Dataset.of(FEATURES, x, y);
    }

    /** Rows from the training distribution, with {@code shift} added to x0. */
    static double[][] rows(int rows, SplittableRandom random, double shift) {
        double[][] x = new double[rows][FEATURES.size()];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < FEATURES.size(); j++) {
                x[r][j] = random.nextDouble(-1, 1);
            }
            x[r][0] += shift;
        }
        return x;
    }
}
