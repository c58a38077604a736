package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void no_command_prints_usage_and_exits_invalid() {
        Cli.Result r = Cli.raw();

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("Usage: model-registry").contains("register").contains("Exit codes:");
    }

    @Test
    void help_exits_ok() {
        Cli.Result r = Cli.raw("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: model-registry");
        assertThat(Cli.raw("help", "register").out()).contains("--format");
    }

    @Test
    void an_unknown_command_is_a_usage_error_with_a_suggestion() {
        Cli.Result r = Cli.raw("verfy");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("verfy").contains("verify");
    }

    @Test
    void a_usage_error_with_json_is_reported_as_json() {
        Cli.Result r = Cli.raw("show", "--json", "--bogus");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.errorJson().get("code").asText()).isEqualTo("INVALID");
        assertThat(r.errorJson().get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void a_registry_command_without_root_is_a_usage_error() {
        // MODEL_REGISTRY_ROOT is not set where the tests run; the default is then empty.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("MODEL_REGISTRY_ROOT") == null);

        Cli.Result r = Cli.raw("ls");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("--root");
    }

    @Test
    void a_directory_without_a_registry_is_not_found_and_stays_empty() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        Cli.Result r = Cli.raw("ls", "--root", empty.toString(), "--json");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.errorJson().get("message").asText()).contains("no registry at");
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
        assertThat(Cli.raw("verify", "--root", dir.resolve("missing").toString()).exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void completion_prints_a_bash_script_for_the_whole_tree() {
        Cli.Result r = Cli.raw("completion");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("complete -F").contains("model-registry")
                .contains("register").contains("rollback").contains("--root");
    }

    @Test
    void version_names_the_tool() {
        Cli.Result r = Cli.raw("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("model-registry ");
    }
}
