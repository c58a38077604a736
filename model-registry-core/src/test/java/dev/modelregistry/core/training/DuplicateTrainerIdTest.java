package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicateTrainerIdTest {
    @TempDir
    Path dir;

    /** Claims the id of a real trainer on the class path. */
    public static final class Impostor implements TrainerProvider {
        private final TrainerProvider real = Trainers.discover(DuplicateTrainerIdTest.class.getClassLoader()).all()
                .stream().findFirst().map(t -> (TrainerProvider) new Fixed(t)).orElseThrow();

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public Trainer trainer() {
            return real.trainer();
        }
    }

    private record Fixed(Trainer trainer) implements TrainerProvider {
        @Override
        public String id() {
            return trainer.id();
        }
    }

    @Test
    void two_providers_with_one_id_fail_loudly() throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(TrainerProvider.class.getName()), Impostor.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> Trainers.discover(loader)).isInstanceOf(ModelRegistryException.class)
                    .hasMessageContaining("two trainer providers claim id")
                    .hasMessageContaining(Impostor.class.getName());
        }
    }
}
