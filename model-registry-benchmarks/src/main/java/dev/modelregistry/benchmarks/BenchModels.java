package dev.modelregistry.benchmarks;

import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.util.List;
import java.util.Random;

/** The data and the small LightGBM model the serving benchmarks share, so they measure the same thing. */
final class BenchModels {
    private BenchModels() {
    }

    /**
     * 2,000 rows of five uniform features, the label a noisy linear function of the first two.
     *
     * @param random the source, advanced by the call
     * @return the rows
     */
    static Dataset linearData(Random random) {
        double[][] x = new double[2_000][5];
        double[] y = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < 5; j++) {
                x[r][j] = random.nextDouble();
            }
            y[r] = 3 * x[r][0] - 2 * x[r][1] + 0.1 * random.nextGaussian();
        }
        return Dataset.of(List.of("x0", "x1", "x2", "x3", "x4"), x, y);
    }

    /**
     * Trains LightGBM with default parameters on data and registers it as model {@code lgbm}.
     *
     * @param registry the registry
     * @param data the rows
     * @return the registered version
     */
    static ModelVersion trainLightGbm(ModelRegistry registry, Dataset data) {
        try (TrainedModel fresh = registry.training().train(TrainingRequest.of("lightgbm", data))) {
            return registry.training().register("lgbm", fresh);
        }
    }
}
