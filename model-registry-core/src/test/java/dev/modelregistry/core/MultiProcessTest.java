package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.version.ModelVersion;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MultiProcessTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void two_processes_registering_200_versions_each_get_exactly_1_to_400() throws Exception {
        Path root = dir.resolve("registry");
        // Create the registry first so both children race only on registration.
        ModelRegistry.open(root).close();
        Process a = child(root, "writer-a");
        Process b = child(root, "writer-b");
        assertThat(a.waitFor(5, TimeUnit.MINUTES)).as("child a finished").isTrue();
        assertThat(b.waitFor(5, TimeUnit.MINUTES)).as("child b finished").isTrue();
        assertThat(a.exitValue()).as("child a exit code").isZero();
        assertThat(b.exitValue()).as("child b exit code").isZero();

        try (ModelRegistry registry = ModelRegistry.open(root)) {
            List<ModelVersion> versions = registry.versions().versions("shared");
            assertThat(versions).extracting(ModelVersion::version)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 400).boxed().toList());
            assertThat(versions).filteredOn(v -> v.createdBy().equals("writer-a")).hasSize(200);
            assertThat(versions).filteredOn(v -> v.createdBy().equals("writer-b")).hasSize(200);
            assertThat(registry.audit().forModel("shared")).hasSize(400);
            assertThat(registry.verify().healthy()).isTrue();
        }
    }

    private static Process child(Path root, String writer) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConcurrentRegistrar.class.getName(), root.toString(), "shared", "200", writer)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(new File(root.getParent().toFile(), writer + ".err"))
                .start();
    }
}
