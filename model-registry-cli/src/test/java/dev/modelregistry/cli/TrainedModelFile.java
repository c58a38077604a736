package dev.modelregistry.cli;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A real trained model's artifact as a file, as a user would hand it to {@code register --format model-bundle}:
 * a small Tribuo linear regression trained and registered in a scratch registry, then read back out of it.
 */
final class TrainedModelFile {
    static final String FORMAT = "model-bundle";

    private TrainedModelFile() {
    }

    static Path write(Path scratchRegistry, Path file) throws IOException {
        try (ModelRegistry registry = ModelRegistry.open(scratchRegistry);
                TrainedModel model = registry.training().train(TrainingRequest.of("tribuo-linear", data()))) {
            ModelVersion v = registry.training().register("scratch", model);
            try (InputStream in = registry.models().openArtifact(ModelRef.version(v.model(), v.version()))) {
                Files.copy(in, file);
            }
            return file;
        }
    }

    private static Dataset data() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] x = new double[60][2];
        double[] y = new double[60];
        for (int r = 0; r < x.length; r++) {
            x[r][0] = random.nextDouble(-1, 1);
            x[r][1] = random.nextDouble(-1, 1);
            y[r] = 2 * x[r][0] - x[r][1];
        }
        return Dataset.of(List.of("a", "b"), x, y);
    }
}
