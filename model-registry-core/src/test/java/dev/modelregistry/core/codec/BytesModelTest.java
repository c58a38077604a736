package dev.modelregistry.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code bytes} model loads into one array of the artifact's size and reads back as a stream. */
class BytesModelTest {

    @Test
    void a_loaded_bytes_model_streams_the_artifact_and_weighs_its_size(@TempDir Path dir) throws Exception {
        byte[] artifact = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(artifact);
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            registry.versions().register("blob", artifact, ModelMetadata.of("bytes"));
            BytesModel model = registry.models().load(ModelRef.parse("blob")).unwrap(BytesModel.class);
            assertThat(model.weightBytes()).isEqualTo(artifact.length);
            try (InputStream in = model.openStream()) {
                assertThat(in.readAllBytes()).isEqualTo(artifact);
            }
            assertThat(model.bytes()).isEqualTo(artifact);
            assertThat(model.unwrap(byte[].class)).isEqualTo(artifact);
        }
    }
}
