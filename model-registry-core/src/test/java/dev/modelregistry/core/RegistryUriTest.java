package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryUriTest {
    private static final byte[] BYTES = "an artifact".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void a_plain_path_and_a_file_uri_open_the_embedded_registry_in_that_directory() {
        Path root = dir.resolve("embedded");
        try (ModelRegistry r = ModelRegistry.open(URI.create(root.toString()))) {
            r.versions().register("m", BYTES, ModelMetadata.of("bytes"));
        }
        try (ModelRegistry r = ModelRegistry.open(root.toUri())) {
            assertThat(r.root()).isEqualTo(root.toAbsolutePath().normalize());
            assertThat(r.versions().history("m")).hasSize(1);
        }
    }

    @Test
    void a_postgresql_uri_opens_one_shared_registry_from_every_host_directory() {
        String jdbc = PostgresServer.newDatabase(); // jdbc:postgresql://127.0.0.1:PORT/NAME?user=postgres
        String base = jdbc.substring("jdbc:".length());
        Map<String, String> env = Map.of("REGISTRY_PASSWORD", "unused-by-a-trusting-server");
        URI a = URI.create(base + "&passwordEnv=REGISTRY_PASSWORD&poolSize=3&jdbc.ApplicationName=uri-test&dir="
                + dir.resolve("a").toUri().getPath());
        URI b = URI.create(base + "&dir=" + dir.resolve("b").toUri().getPath());
        try (ModelRegistry one = ModelRegistry.builder(a, env::get).open();
                ModelRegistry two = ModelRegistry.builder(b, env::get).open()) {
            one.versions().register("m", BYTES, ModelMetadata.of("bytes"));
            assertThat(two.versions().history("m")).hasSize(1);
        }
    }

    @Test
    void a_uri_with_a_password_an_unknown_parameter_or_no_directory_is_refused() {
        Map<String, String> env = Map.of();
        String pg = "postgresql://127.0.0.1:1/db?dir=/tmp/x";
        assertThatThrownBy(() -> ModelRegistry.builder(URI.create(pg + "&password=secret"), env::get))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("does not carry a password")
                .hasMessageContaining("passwordEnv").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ModelRegistry.builder(URI.create(pg + "&usr=x"), env::get))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("unknown parameter 'usr'");
        assertThatThrownBy(() -> ModelRegistry.builder(URI.create("postgresql://127.0.0.1:1/db"), env::get))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("needs dir=");
        assertThatThrownBy(() -> ModelRegistry.builder(URI.create(pg + "&passwordEnv=NOT_SET"), env::get))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("NOT_SET");
        assertThatThrownBy(() -> ModelRegistry.builder(URI.create("mysql://h/db"), env::get))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("unknown registry URI scheme");
        assertThatThrownBy(() -> ModelRegistry.builder(URI.create(pg + "&storage=gs://bucket/p"), env::get))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no storage provider for 'gs'");
        assertThatThrownBy(() -> ModelRegistry.builder(URI.create(pg + "&endpoint=http://x"), env::get))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("need storage=");
        assertThatThrownBy(() -> ModelRegistry.builder(URI.create(pg + "&user=a&user=b"), env::get))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("twice");
    }
}
