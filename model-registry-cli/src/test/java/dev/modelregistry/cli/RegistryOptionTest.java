package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --registry URI} on an embedded registry, and how it combines with {@code --root} and {@code --url}.
 * The PostgreSQL side is {@link PostgresBackendMoveTest}.
 */
class RegistryOptionTest {
    @TempDir
    Path dir;

    @Test
    void a_file_uri_and_a_path_name_the_same_registry_as_root() throws IOException {
        Cli root = new Cli(dir.resolve("registry"));
        Path artifact = Files.write(dir.resolve("model.bin"), new byte[] {1, 2, 3});
        assertThat(root.run("register", artifact.toString(), "--name", "churn").exitCode()).isZero();

        Cli.Result byFileUri = Cli.raw("ls", "--registry", dir.resolve("registry").toUri().toString());
        Cli.Result byPath = Cli.raw("ls", "--registry", dir.resolve("registry").toString());

        assertThat(byFileUri.exitCode()).as(byFileUri.toString()).isZero();
        assertThat(byFileUri.out()).isEqualTo(root.run("ls").out()).contains("churn");
        assertThat(byPath.out()).isEqualTo(byFileUri.out());
    }

    @Test
    void a_directory_without_a_registry_is_not_found_and_left_untouched() {
        Cli.Result r = Cli.raw("ls", "--registry", dir.resolve("missing").toUri().toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void registry_with_root_or_url_is_a_usage_error() {
        String uri = dir.toUri().toString();

        assertThat(Cli.raw("ls", "--registry", uri, "--root", dir.toString()).exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(Cli.raw("ls", "--registry", uri, "--url", "http://127.0.0.1:1/").exitCode())
                .isEqualTo(ExitCodes.INVALID);
        assertThat(Cli.raw("serve", "--registry", uri, "--root", dir.toString()).exitCode())
                .isEqualTo(ExitCodes.INVALID);
    }

    @Test
    void an_unknown_scheme_parameters_on_a_directory_and_a_relative_file_uri_are_invalid() {
        Cli.Result scheme = Cli.raw("ls", "--registry", "mysql://127.0.0.1/registry", "--json");
        Cli.Result parameters = Cli.raw("ls", "--registry", dir.toUri() + "?user=x", "--json");
        Cli.Result opaque = Cli.raw("ls", "--registry", "file:registry", "--json");

        assertThat(scheme.exitCode()).as(scheme.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(scheme.errorJson().get("message").asText()).contains("mysql");
        assertThat(parameters.exitCode()).as(parameters.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(opaque.exitCode()).as(opaque.toString()).isEqualTo(ExitCodes.INVALID);
    }
}
