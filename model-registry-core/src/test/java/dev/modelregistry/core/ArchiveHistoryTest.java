package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.api.InvalidArchiveException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.archive.ArchiveLimits;
import dev.modelregistry.api.archive.ImportReport;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.version.AliasChange;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.deployment.LinearTestCodec;
import dev.modelregistry.core.internal.archive.ArchiveManifest;
import dev.modelregistry.core.internal.archive.ArchiveSignature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archive format 2 and its history: format 1 archives still import as they did; a format 2 archive
 * whose history is inconsistent or oversized is refused and changes nothing; history merges only into
 * models and environments that the target does not have yet, with a note for the rest.
 */
class ArchiveHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ModelRegistry target;
    /** Entries of a real export of everything of a registry with history, unsigned. */
    Map<String, byte[]> entries;

    @BeforeEach
    void setUp() {
        try (ModelRegistry source = ModelRegistry.builder(dir.resolve("source")).signingKey(TestArchives.KEYS).open()) {
            for (int i = 1; i <= 3; i++) {
                source.versions().register("m", LinearTestCodec.artifact(i, 1, 0, 0),
                        ModelMetadata.of(LinearTestCodec.FORMAT));
            }
            source.versions().setAlias("m", "champion", 1);
            source.versions().setAlias("m", "champion", 2);
            source.versions().deleteVersion("m", 3);
            source.deployer().deploy(ModelRef.parse("m/1"), "trading", DeploymentSpec.replace());
            source.deployer().deploy(ModelRef.parse("m/2"), "trading", DeploymentSpec.replace());
            source.backups().exportAll(dir.resolve("real.zip"));
        }
        entries = TestArchives.read(dir.resolve("real.zip"));
        entries.remove(ArchiveSignature.ENTRY);
        target = ModelRegistry.builder(dir.resolve("target")).trustKey(TestArchives.KEYS.getPublic())
                .archiveLimits(new ArchiveLimits(1024 * 1024, 1024 * 1024, 40)).open();
        target.versions().register("other", "kept".getBytes(), ModelMetadata.of("bytes"));
    }

    @AfterEach
    void close() {
        target.close();
    }

    /** The real archive with its manifest changed, signed by the trusted test key. */
    private Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get(ArchiveManifest.MANIFEST_ENTRY));
        edit.accept(manifest);
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(ArchiveManifest.MANIFEST_ENTRY, JSON.writeValueAsBytes(manifest));
        return TestArchives.signed(dir.resolve(name), copy);
    }

    private static ObjectNode model(ObjectNode manifest) {
        return (ObjectNode) manifest.get("models").get(0);
    }

    private static ObjectNode environment(ObjectNode manifest) {
        return (ObjectNode) manifest.get("environments").get(0);
    }

    private void refused(Path archive, String message) {
        String before = RegistrySnapshot.of(target);
        assertThatThrownBy(() -> target.backups().importArchive(archive)).isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining(message);
        assertThat(RegistrySnapshot.of(target)).as("the registry is byte for byte as it was").isEqualTo(before);
    }

    @Test
    void a_real_export_carries_the_history_and_imports_it() throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get(ArchiveManifest.MANIFEST_ENTRY));
        assertThat(manifest.get("formatVersion").asInt()).isEqualTo(2);
        assertThat(model(manifest).get("deletedVersions")).hasSize(1);
        assertThat(model(manifest).get("aliasHistory")).hasSize(2);
        assertThat(manifest.get("audit")).hasSizeGreaterThan(5);
        ImportReport report = target.backups().importArchive(edited("same.zip", m -> { }));
        assertThat(report.notes()).isEmpty();
        assertThat(target.versions().aliasHistory("m", "champion")).extracting(AliasChange::target)
                .containsExactly(Optional.of(1), Optional.of(2));
        assertThat(target.deployer().history("trading")).hasSize(3);
    }

    @Test
    void a_format_1_archive_imports_as_before_and_its_history_fields_are_ignored() throws IOException {
        Path v1 = edited("v1.zip", m -> m.put("formatVersion", 1));
        ImportReport report = target.backups().importArchive(v1);

        assertThat(report.versionsImported()).isEqualTo(2);
        assertThat(report.aliasesSet()).isEqualTo(1);
        // Format 1: one alias move and one audit row per version and alias, written by the import.
        assertThat(target.versions().aliasHistory("m", "champion")).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("set"));
        assertThat(target.audit().query(Optional.of("m"), Optional.empty(), Optional.empty(), 100))
                .extracting(AuditEntry::operation).containsExactly("import-version", "import-version", "set-alias");
        assertThat(target.deployer().history("trading")).isEmpty();
        // Deleted numbers were not known to format 1: the next number follows the highest imported one.
        assertThat(target.versions().register("m", new byte[] {1}, ModelMetadata.of("bytes")).version()).isEqualTo(3);
    }

    @Test
    void an_alias_move_naming_a_version_the_archive_does_not_know_is_refused() throws IOException {
        refused(edited("alias.zip", m -> ((ObjectNode) model(m).get("aliasHistory").get(0)).put("target", 99)),
                "names version 99");
    }

    @Test
    void a_deployment_of_a_version_the_archive_does_not_hold_is_refused() throws IOException {
        // Version 3 was deleted: its number is known, but no deployment can name it.
        refused(edited("deployment.zip", m -> ((ObjectNode) environment(m).get("deployments").get(1))
                .put("version", 3)), "names m/3, which the archive does not hold");
    }

    @Test
    void an_event_of_a_deployment_the_environment_does_not_list_is_refused() throws IOException {
        refused(edited("event.zip", m -> ((ObjectNode) environment(m).get("events").get(0)).put("deployment", 12345)),
                "deployment 12345, which the environment does not list");
    }

    @Test
    void a_deployment_following_one_listed_after_it_is_refused() throws IOException {
        refused(edited("previous.zip", m -> {
            ArrayNode ds = (ArrayNode) environment(m).get("deployments");
            ((ObjectNode) ds.get(0)).put("previous", ds.get(1).get("id").asLong());
        }), "which is not listed before it");
    }

    @Test
    void two_stable_deployments_serving_at_once_are_refused() throws IOException {
        refused(edited("stable.zip", m -> ((ObjectNode) environment(m).get("deployments").get(0))
                .put("state", "ACTIVE")), "2 stable deployments serving at once");
    }

    @Test
    void oversized_history_lists_are_refused() throws IOException {
        refused(edited("audit.zip", m -> {
            ArrayNode audit = (ArrayNode) m.get("audit");
            while (audit.size() <= 40) {
                audit.add(audit.get(0).deepCopy());
            }
        }), "audit rows; at most 40");
        refused(edited("moves.zip", m -> {
            ArrayNode moves = (ArrayNode) model(m).get("aliasHistory");
            while (moves.size() <= 40) {
                moves.add(moves.get(0).deepCopy());
            }
        }), "alias moves of model 'm'; at most 40");
        refused(edited("rows.zip", m -> {
            // Each list within bounds, all together beyond them.
            ArrayNode audit = (ArrayNode) m.get("audit");
            ArrayNode moves = (ArrayNode) model(m).get("aliasHistory");
            while (audit.size() < 30) {
                audit.add(audit.get(0).deepCopy());
            }
            while (moves.size() < 30) {
                moves.add(moves.get(0).deepCopy());
            }
        }), "history rows; at most 40");
    }

    @Test
    void an_audit_row_of_a_model_without_history_is_refused() throws IOException {
        refused(edited("orphan.zip", m -> ((ObjectNode) m.get("audit").get(0)).put("linkedModel", "other")),
                "whose history the archive does not hold");
    }

    @Test
    void history_goes_only_into_new_models_and_unused_environments() throws IOException {
        target.versions().register("m", LinearTestCodec.artifact(1, 1, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT));
        target.versions().register("p", LinearTestCodec.artifact(7, 1, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT));
        target.deployer().deploy(ModelRef.parse("p/1"), "trading", DeploymentSpec.replace());
        ImportReport report = target.backups().importArchive(edited("merge.zip", m -> { }));

        assertThat(report.notes()).singleElement().asString()
                .contains("environment 'trading' has deployments here");
        // The existing model keeps its own history: the alias is set as format 1 sets it, no archived move.
        assertThat(target.versions().aliasHistory("m", "champion")).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("set"));
        // Importing the target's own export again changes nothing and notes nothing.
        target.backups().exportAll(dir.resolve("own.zip"));
        String before = RegistrySnapshot.of(target);
        assertThat(target.backups().importArchive(dir.resolve("own.zip")).notes()).isEmpty();
        assertThat(RegistrySnapshot.of(target)).isEqualTo(before);
        assertThat(target.deployer().history("trading")).hasSize(1);
        assertThat(target.versions().versions("m")).hasSize(2);
    }
}
