package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @Test
    void the_demo_runs_end_to_end_and_reports_each_step(@TempDir Path workDir) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Demo.Outcome outcome;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            outcome = Demo.run(workDir, out);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertThat(outcome.registeredVersions()).isEqualTo(3);
        assertThat(outcome.championAfterRollback()).isEqualTo(2);
        assertThat(outcome.hitRateMatches()).containsExactly(2, 3);
        assertThat(outcome.exportedVersions()).isEqualTo(3);
        assertThat(outcome.importedVersions()).isEqualTo(3);
        assertThat(outcome.healthy()).isTrue();
        assertThat(outcome.championBytesMatch()).isTrue();

        assertThat(printed).contains(
                "Registered eu-stocks-next-day/1 (sha256:",
                "Registered eu-stocks-next-day/2 (sha256:",
                "Registered eu-stocks-next-day/3 (sha256:",
                "Pointed eu-stocks-next-day@champion at version 2",
                "Moved eu-stocks-next-day@champion to version 3",
                "Rolled back eu-stocks-next-day@champion to version 2",
                "alias history: 2 -> 3 -> 2",
                "Searched for hit_rate >= 0.52: found eu-stocks-next-day/2, eu-stocks-next-day/3",
                "Searched for models named 'eu-*': found eu-stocks-next-day/1, eu-stocks-next-day/2,"
                        + " eu-stocks-next-day/3",
                "Compared eu-stocks-next-day/2 with eu-stocks-next-day/3",
                "rmse",
                "hit_rate",
                "Audit trail of eu-stocks-next-day",
                "Exported 3 versions",
                "Imported 3 versions",
                "Verified registry B: healthy",
                "Loaded eu-stocks-next-day@champion from registry B: version 2",
                "identical to what was registered in A");
    }

    @Test
    void the_demo_works_inside_the_directory_it_is_given(@TempDir Path workDir) {
        Demo.run(workDir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(workDir.resolve("registry-a").resolve("registry.db")).isRegularFile();
        assertThat(workDir.resolve("registry-b").resolve("registry.db")).isRegularFile();
        assertThat(workDir.resolve("eu-stocks-next-day.zip")).isRegularFile();
    }
}
