package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.ModelMetadata;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit rows belong to a model's identity: they follow it through renames and are not inherited by a new
 * model that reuses an old name. */
class AuditIdentityTest {
    @TempDir
    Path dir;

    private static List<String> operations(List<AuditEntry> rows) {
        return rows.stream().map(AuditEntry::operation).toList();
    }

    @Test
    void history_follows_the_model_through_renames_and_a_reused_name_starts_empty() {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            var versions = registry.versions();
            versions.register("old", new byte[] {1}, ModelMetadata.of("bytes"));
            versions.setAlias("old", "champion", 1);
            versions.renameModel("old", "middle");
            versions.setModelTag("middle", "team", "risk");
            versions.renameModel("middle", "new");

            // A different model takes the first name.
            versions.register("old", new byte[] {2}, ModelMetadata.of("bytes"));

            assertThat(operations(registry.audit().forModel("new"))).containsExactly("register", "set-alias",
                    "rename-model", "set-model-tag", "rename-model");
            assertThat(registry.audit().forModel("new")).extracting(AuditEntry::model)
                    .as("each row keeps the name it was written under")
                    .containsExactly("old", "old", "middle", "middle", "new");
            assertThat(operations(registry.audit().forModel("old"))).containsExactly("register");
            assertThat(registry.audit().forModel("middle")).as("no model has that name now").isEmpty();
        }
    }

    @Test
    void rows_from_before_schema_5_are_tied_to_the_model_that_has_their_name() {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            registry.versions().register("kept", new byte[] {1}, ModelMetadata.of("bytes"));
            registry.versions().register("gone", new byte[] {2}, ModelMetadata.of("bytes"));
            // Back to schema 4: the rows lose model_id, and a row names a model that no longer exists by that name.
            registry.database().write(tx -> {
                tx.execute("DROP TABLE monitoring_count"); // schema 7
                tx.execute("DROP TABLE monitoring_host");
                tx.execute("DROP TABLE served_prediction"); // schema 6
                tx.execute("DROP INDEX audit_model_id");
                tx.execute("ALTER TABLE audit DROP COLUMN model_id");
                tx.execute("UPDATE audit SET model = 'renamed-long-ago' WHERE model = 'gone'");
                tx.execute("PRAGMA user_version = 4");
                return null;
            });
        }
        try (ModelRegistry reopened = ModelRegistry.open(dir)) {
            assertThat(operations(reopened.audit().forModel("kept"))).containsExactly("register");
            reopened.versions().renameModel("kept", "kept-renamed");
            assertThat(operations(reopened.audit().forModel("kept-renamed")))
                    .as("the migrated row now follows its model").containsExactly("register", "rename-model");
            assertThat(operations(reopened.audit().forModel("renamed-long-ago")))
                    .as("a row no model could be matched to is still found by its name").containsExactly("register");
        }
    }
}
