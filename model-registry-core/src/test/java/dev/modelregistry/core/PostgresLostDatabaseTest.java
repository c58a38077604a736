package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.RegistryStateException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.testkit.storage.InMemoryModelStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared registry whose PostgreSQL database is lost, swapped or newer than this library is refused, and
 * the refusal changes nothing: no table is created in an empty database.
 */
class PostgresLostDatabaseTest {
    @TempDir
    Path dir;

    private static int tables(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = current_schema()")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void an_empty_database_behind_a_directory_or_an_artifact_store_that_held_a_registry_is_refused_untouched()
            throws Exception {
        String url = PostgresServer.newDatabase();
        InMemoryModelStorage store = new InMemoryModelStorage();
        try (ModelRegistry registry = ModelRegistry.builder(dir.resolve("host")).postgres(url, "", "").storage(store)
                .open()) {
            registry.versions().register("m", "bytes".getBytes(StandardCharsets.UTF_8), ModelMetadata.of("bytes"));
        }
        String lost = PostgresServer.newDatabase();

        // The same host directory: its identity marker names the registry.
        assertThatThrownBy(() -> ModelRegistry.builder(dir.resolve("host")).postgres(lost, "", "").storage(store)
                .open()).isInstanceOf(RegistryStateException.class).hasMessageContaining("belongs to registry");
        // A new host directory, the same artifact store: its artifacts say a registry lived there.
        assertThatThrownBy(() -> ModelRegistry.builder(dir.resolve("new-host")).postgres(lost, "", "")
                .storage(store).open()).isInstanceOf(RegistryStateException.class)
                .hasMessageContaining("artifact store holds artifacts");
        assertThat(tables(lost)).isZero();

        // The right database still opens, from the old host and from a new one.
        try (ModelRegistry again = ModelRegistry.builder(dir.resolve("new-host")).postgres(url, "", "")
                .storage(store).open()) {
            assertThat(again.versions().versions("m")).hasSize(1);
        }
    }

    @Test
    void another_registrys_database_is_refused() {
        String first = PostgresServer.newDatabase();
        String second = PostgresServer.newDatabase();
        ModelRegistry.builder(dir.resolve("a")).postgres(first, "", "").open().close();
        ModelRegistry.builder(dir.resolve("b")).postgres(second, "", "").open().close();

        assertThatThrownBy(() -> ModelRegistry.builder(dir.resolve("a")).postgres(second, "", "").open())
                .isInstanceOf(RegistryStateException.class).hasMessageContaining("belongs to registry");
    }

    @Test
    void a_database_migrated_by_a_newer_library_is_refused() throws Exception {
        String url = PostgresServer.newDatabase();
        ModelRegistry.builder(dir.resolve("a")).postgres(url, "", "").open().close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO model_registry_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
                    + " 'V99__from_the_future.sql', 0, 'postgres', 1, true)");
        }

        assertThatThrownBy(() -> ModelRegistry.builder(dir.resolve("a")).postgres(url, "", "").open())
                .isInstanceOf(RegistryStateException.class).hasMessageContaining("99");
    }
}
