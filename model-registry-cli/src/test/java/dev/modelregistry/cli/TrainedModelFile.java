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

/**
 * A real trained model's artifact as a file, as a user would hand it to {@code register --format model-bundle}:
 * a small Tribuo linear regression trained and registered in a scratch registry, then read back out of it.
 */
final class TrainedModelFile {
    static final String FORMAT = "model-bundle";

    private static Path once;

    private TrainedModelFile() {
    }

    /**
     * One trained bundle for the whole test run, trained on first use (training takes seconds; the file is only
     * read). It lives under target/, which {@code mvn clean} removes, rather than in a temp dir left behind.
     */
    static synchronized Path shared() throws IOException {
        if (once == null) {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "trained-model")), "run");
            once = write(dir.resolve("scratch"), dir.resolve("model.bundle"));
        }
        return once;
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

    /** y = 2a - b on a fixed grid: enough for a linear model to fit, and the same every run. */
    private static Dataset data() {
        double[][] x = new double[60][];
        double[] y = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            x[r] = new double[] {(r % 7) / 7.0, (r % 5) / 5.0};
            y[r] = 2 * x[r][0] - x[r][1];
        }
        return Dataset.of(List.of("a", "b"), x, y);
    }
}
