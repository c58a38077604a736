package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.AliasNotFoundException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.VersionNotFoundException;
import dev.modelregistry.api.version.ModelMetadata;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cached load resolves its reference once and keeps the resolution until the database changes;
 * a change made by another process must be seen by the very next load, with no delay.
 */
class CachedLoadAcrossProcessesTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void an_alias_moved_or_a_version_deleted_by_another_process_is_seen_by_the_next_cached_load() throws Exception {
        Path root = dir.resolve("registry");
        int versions = 12;
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            for (int v = 1; v <= versions; v++) {
                registry.versions().register("m", ("version " + v).getBytes(StandardCharsets.UTF_8),
                        ModelMetadata.of("bytes"));
            }
            registry.versions().setAlias("m", "champion", 1);
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), AliasMover.class.getName(), root.toString())
                    .redirectError(new File(dir.toFile(), "child.err"))
                    .start();
            try (PrintStream toChild = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
                    BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(),
                            StandardCharsets.UTF_8))) {
                assertThat(fromChild.readLine()).isEqualTo("ready");
                ModelRef champion = ModelRef.parse("m@champion");
                int current = 1;
                for (int round = 0; round < 200; round++) {
                    // Load twice so the second load is served from the cached resolution.
                    registry.models().load(champion);
                    assertThat(registry.models().load(champion).version().version()).isEqualTo(current);
                    int next = 1 + (current % versions);
                    toChild.println("alias m champion " + next);
                    assertThat(fromChild.readLine()).isEqualTo("done");
                    assertThat(registry.models().load(champion).version().version())
                            .as("round %d: the alias moved to %d in the other process", round, next).isEqualTo(next);
                    current = next;
                }
                ModelRef last = ModelRef.version("m", versions);
                registry.models().load(last);
                registry.models().load(last);
                toChild.println("alias m champion 1");
                assertThat(fromChild.readLine()).isEqualTo("done");
                toChild.println("delete m " + versions);
                assertThat(fromChild.readLine()).isEqualTo("done");
                assertThatThrownBy(() -> registry.models().load(last)).isInstanceOf(VersionNotFoundException.class);
                ModelRef other = ModelRef.parse("m@other");
                toChild.println("alias m other 2");
                assertThat(fromChild.readLine()).isEqualTo("done");
                assertThat(registry.models().load(other).version().version()).isEqualTo(2);
                registry.models().load(other);
                toChild.println("delete m 2");
                assertThat(fromChild.readLine()).isEqualTo("done");
                assertThatThrownBy(() -> registry.models().load(other)).isInstanceOf(AliasNotFoundException.class);
                assertThatThrownBy(() -> registry.models().load(ModelRef.version("m", 2)))
                        .isInstanceOf(VersionNotFoundException.class);
                toChild.println("quit");
            }
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).isZero();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void two_registries_in_one_jvm_see_each_others_moves_and_one_closing_leaves_the_other_watching() {
        Path root = dir.resolve("shared");
        ModelRef champion = ModelRef.parse("m@champion");
        try (ModelRegistry a = ModelRegistry.open(root)) {
            for (int v = 1; v <= 3; v++) {
                a.versions().register("m", ("v" + v).getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
            }
            a.versions().setAlias("m", "champion", 1);
            try (ModelRegistry b = ModelRegistry.open(root)) {
                assertThat(a.models().load(champion).version().version()).isEqualTo(1);
                assertThat(a.models().load(champion).version().version()).isEqualTo(1);
                b.versions().setAlias("m", "champion", 2);
                assertThat(a.models().load(champion).version().version()).isEqualTo(2);
            }
            // b's close must not have cut a off from the WAL index it shared.
            try (ModelRegistry c = ModelRegistry.open(root)) {
                c.versions().setAlias("m", "champion", 3);
            }
            assertThat(a.models().load(champion).version().version()).isEqualTo(3);
            a.versions().setAlias("m", "champion", 1);
            assertThat(a.models().load(champion).version().version()).isEqualTo(1);
        }
    }
}
