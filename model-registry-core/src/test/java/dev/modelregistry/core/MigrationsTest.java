package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.version.ModelMetadata;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.internal.metadata.RegistryIdentity;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void a_database_at_schema_1_is_migrated_and_keeps_its_data() throws java.io.IOException {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            registry.versions().register("m", new byte[] {1}, ModelMetadata.of("bytes"));
            // Put the database back to how schema 1 left it, from before registries had an identity.
            registry.database().write(tx -> {
                tx.execute("DROP TABLE monitoring_count");
                tx.execute("DROP TABLE monitoring_host");
                tx.execute("DROP TABLE served_prediction");
                tx.execute("DROP INDEX audit_model_id");
                tx.execute("ALTER TABLE audit DROP COLUMN model_id");
                tx.execute("DROP TABLE registry_identity");
                tx.execute("DROP TABLE deployment_event");
                tx.execute("DROP TABLE deployment");
                tx.execute("DROP TABLE version_document");
                tx.execute("PRAGMA user_version = 1");
                return null;
            });
        }
        java.nio.file.Files.delete(dir.resolve("blobs").resolve(RegistryIdentity.MARKER_FILE));
        try (ModelRegistry reopened = ModelRegistry.open(dir)) {
            int version = reopened.database().read(tx -> tx.queryOne("PRAGMA user_version", rs -> rs.getInt(1))
                    .orElseThrow());
            assertThat(version).isEqualTo(7);
            assertThat(reopened.id()).as("schema 4: an identity, also beside the blobs").isNotBlank();
            assertThat(dir.resolve("blobs").resolve(RegistryIdentity.MARKER_FILE)).content().contains(reopened.id());
            assertThat(reopened.versions().versions("m")).hasSize(1);
            reopened.versions().putDocument(ModelRef.parse("m/1"), "note", "{}");
            assertThat(reopened.deployer().deployments()).isEmpty(); // schema 3: the deployment tables exist
            assertThat(reopened.monitoring().liveAccuracy("production")).isEmpty(); // schema 6: served_prediction
            assertThat(reopened.monitoring().aggregate("production").hosts()).isEmpty(); // schema 7: monitoring_*
        }
    }

    @Test
    void a_database_from_a_newer_library_is_refused() {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            registry.database().write(tx -> {
                tx.execute("PRAGMA user_version = 99");
                return null;
            });
        }
        assertThatThrownBy(() -> ModelRegistry.open(dir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("schema version 99");
    }
}
