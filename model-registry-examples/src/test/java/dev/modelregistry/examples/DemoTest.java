package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.core.ModelRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo end to end with small settings and checks the story's outcome. */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void the_demo_chooses_a_champion_promotes_the_canary_and_rolls_back_on_drift() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Demo.Outcome outcome;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            outcome = Demo.run(dir, out, Demo.Settings.small());
        }
        String story = buffer.toString(StandardCharsets.UTF_8);

        assertThat(outcome.candidates()).hasSize(3);
        assertThat(outcome.champion().model()).isEqualTo(Demo.MODEL);
        assertThat(outcome.challenger()).isNotEqualTo(outcome.champion());
        assertThat(outcome.canaryPromoted()).as(story).isTrue();
        assertThat(outcome.rolledBack()).as(story).isTrue();
        assertThat(story).contains("walk-forward", "Champion", "canary", "PROMOTE", "rolled production back");

        String html = Files.readString(outcome.report());
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(5);
        assertThat(html).doesNotContain("http://", "https://");

        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
            assertThat(registry.versions().get(ModelRef.parse(Demo.MODEL + "@champion")).ref())
                    .isEqualTo(outcome.champion());
            assertThat(registry.deployer().endpoint("production").route("any-client")).isEqualTo(outcome.champion());
            assertThat(registry.deployer().history("production")).isNotEmpty();
            assertThat(registry.versions().documents(outcome.champion())).containsKey("evaluation");
        }
    }
}
