package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.Imputation;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained outside the training service (as the Spark trainer does) and assembled with a preprocessing
 * fitted elsewhere registers as an ordinary bundle: it loads through the registry, and reads back without one,
 * with the preprocessing applied exactly as serving applies it.
 */
class ExternalModelsTest {
    @TempDir
    Path dir;

    @Test
    void an_assembled_model_registers_and_serves_with_its_preprocessing_in_front() throws Exception {
        Random random = new Random(3);
        double[][] raw = new double[500][2];
        double[] labels = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i][0] = 100 + 10 * random.nextGaussian();
            raw[i][1] = i % 7 == 0 ? Double.NaN : random.nextGaussian();
            labels[i] = (raw[i][0] - 100) / 10 + (Double.isNaN(raw[i][1]) ? 0 : raw[i][1]);
        }
        ExternalModels.Preprocessing pre = new ExternalModels.Preprocessing(List.of("a", "b"), Imputation.MEAN,
                List.of(0.0, 0.5), List.of(100.0, 0.0), List.of(10.0, 1.0));
        double[][] transformed = new double[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            transformed[i] = pre.transform(raw[i]);
        }
        assertThat(transformed[7]).containsExactly((raw[7][0] - 100) / 10, 0.5);

        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
            Trainer xgboost = registry.training().trainer("xgboost");
            NativeModel nativeModel = xgboost.train(TrainingInput.of(xgboost,
                    TrainingSpec.defaults().withParameter("rounds", "10"),
                    Dataset.of(List.of("a", "b"), transformed, labels), Optional.empty(), TrainingContext.NONE));
            double[] direct = nativeModel.predictBatch(transformed);
            ModelVersion v;
            try (TrainedModel model = ExternalModels.assemble(xgboost, pre, nativeModel,
                    ModelMetadata.builder(ExternalModels.FORMAT_ID).build())) {
                assertThat(model.predictBatch(raw)).containsExactly(direct);
                v = registry.training().register("external", model);
            }
            LoadedModel loaded = registry.models().load(v.ref());
            assertThat(loaded.unwrap(TrainedModel.class).predictBatch(raw)).containsExactly(direct);
            try (InputStream in = registry.models().openArtifact(v.ref());
                    TrainedModel read = ExternalModels.read(in, v.metadata(), getClass().getClassLoader())) {
                assertThat(read.trainerId()).isEqualTo("xgboost");
                assertThat(read.predictBatch(raw)).containsExactly(direct);
            }
        }
    }

    @Test
    void assembling_refuses_another_format_and_a_width_the_native_model_does_not_take() throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
            Trainer xgboost = registry.training().trainer("xgboost");
            double[][] rows = {{1, 2}, {2, 1}, {3, 3}, {0, 1}};
            try (NativeModel nativeModel = xgboost.train(TrainingInput.of(xgboost,
                    TrainingSpec.defaults().withParameter("rounds", "2"),
                    Dataset.of(List.of("a", "b"), rows, new double[] {1, 2, 3, 4}), Optional.empty(),
                    TrainingContext.NONE))) {
                ExternalModels.Preprocessing three = new ExternalModels.Preprocessing(List.of("a", "b", "c"),
                        Imputation.NONE, List.of(), List.of(), List.of());
                assertThatThrownBy(() -> ExternalModels.assemble(xgboost, three, nativeModel,
                        ModelMetadata.builder(ExternalModels.FORMAT_ID).build()))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("takes 2 features");
                ExternalModels.Preprocessing two = new ExternalModels.Preprocessing(List.of("a", "b"),
                        Imputation.NONE, List.of(), List.of(), List.of());
                assertThatThrownBy(() -> ExternalModels.assemble(xgboost, two, nativeModel,
                        ModelMetadata.builder("bytes").build()))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'bytes'");
            }
        }
    }
}
