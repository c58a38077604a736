package dev.modelregistry.benchmarks;

import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** What the benchmark states set up and tear down alike: the training data and the temporary directory. Stateless. */
final class BenchmarkFixtures {
    private BenchmarkFixtures() {
    }

    /**
     * 2,000 rows of five uniform features with y = 3·x0 − 2·x1 + 0.1·noise: the model every serving
     * benchmark trains, so their rows and trees are alike.
     *
     * @param random the source of the values (its state moves on)
     * @return the dataset
     */
    static Dataset linear(Random random) {
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

    /**
     * Deletes a directory and everything in it.
     *
     * @param dir the directory
     * @throws IOException if a file cannot be deleted
     */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
