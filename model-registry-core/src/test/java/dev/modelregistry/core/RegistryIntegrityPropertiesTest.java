package dev.modelregistry.core;

import dev.modelregistry.core.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.AliasNotFoundException;
import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.InvalidNameException;
import dev.modelregistry.api.ModelNotFoundException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.DeploymentStrategy;
import dev.modelregistry.api.deployment.IllegalTransitionException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.version.AliasChange;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionState;
import dev.modelregistry.core.deployment.LinearTestCodec;
import dev.modelregistry.testkit.domain.DomainGen;
import dev.modelregistry.testkit.property.Command;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Property;
import dev.modelregistry.testkit.property.StateMachine;
import dev.modelregistry.testkit.property.Weighted;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.codec.BytesModel;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.maintenance.Finding;
import dev.modelregistry.api.archive.ExportReport;
import dev.modelregistry.api.archive.ImportReport;

/**
 * Model-management integrity as properties: the metadata document survives its JSON round trip,
 * and the registry's life cycle (register, alias, roll back, delete, rename, export and import,
 * import of an earlier export, garbage collection, close and reopen, and deploy, promote, roll back,
 * ramp and undeploy of an environment) agrees step by step with a small reference model, every live
 * version loading byte-identical with its recorded SHA-256 and the environment serving what the
 * reference says.
 *
 * <p>Tries default to 200 ({@code -Dmodelregistry.tries}); replay a failure with the seed it prints
 * ({@code -Dmodelregistry.seed}).
 */
class RegistryIntegrityPropertiesTest {

    // ================================================================ 1. metadata JSON round trip

    @Test
    void metadata_survives_the_json_round_trip() {
        Property.forAll(DomainGen.metadata()).check(m -> {
            String json = Json.writer().writeValueAsString(m);
            assertThat(Json.read(json, ModelMetadata.class)).as("from %s", json).isEqualTo(m);
        });
    }

    // ================================================================ names, tags and metrics through the registry

    @Test
    void invalid_model_names_are_refused_and_change_nothing(@TempDir Path dir) {
        try (ModelRegistry registry = Sut.open(dir)) {
            registry.versions().register("m", new byte[] {1}, PLAIN);
            String before = RegistrySnapshot.of(registry);
            Property.forAll(DomainGen.invalidModelNames()).check(name -> {
                assertThatThrownBy(() -> registry.versions().register(name, new byte[] {2}, PLAIN))
                        .isInstanceOf(InvalidNameException.class);
                assertThatThrownBy(() -> registry.versions().renameModel("m", name))
                        .isInstanceOf(InvalidNameException.class);
                assertThatThrownBy(() -> registry.versions().history(name)).isInstanceOf(InvalidNameException.class);
            });
            assertThat(RegistrySnapshot.of(registry)).isEqualTo(before);
        }
    }

    /** A model name, a metadata document and tags to store with a version. */
    record TaggedVersion(String name, ModelMetadata metadata, Map<String, String> tags) {
    }

    @Test
    void names_metadata_and_tags_come_back_as_stored(@TempDir Path dir) {
        Gen<TaggedVersion> cases = Gen.zip(DomainGen.modelNames(), DomainGen.metadata(), DomainGen.tags(), TaggedVersion::new);
        try (ModelRegistry registry = Sut.open(dir)) {
            Property.forAll(cases).check(c -> {
                ModelVersion v = registry.versions().register(c.name(), new byte[0], c.metadata());
                for (Map.Entry<String, String> tag : c.tags().entrySet()) {
                    registry.versions().setVersionTag(v.ref(), tag.getKey(), tag.getValue());
                    registry.versions().setModelTag(c.name(), tag.getKey(), tag.getValue());
                }
                ModelVersion read = registry.versions().get(v.ref());
                assertThat(read.metadata()).isEqualTo(c.metadata());
                assertThat(read.tags()).isEqualTo(new TreeMap<>(c.tags()));
                assertThat(registry.versions().model(c.name()).tags()).containsAllEntriesOf(c.tags());
                assertThat(registry.versions().get(ModelRef.parse(c.name())).version()).isEqualTo(v.version());
            });
        }
    }

    // ================================================================ 2 and 3. the life cycle as a state machine

    /** The model names commands draw from: few, so that names collide and get reused. */
    private static final List<String> NAMES = List.of("a", "b", "c", "d");
    private static final List<String> ALIASES = List.of("champion", "staging");

    /** Small fixed payloads (shared bytes exercise content-addressed storage), or any artifact. */
    private static final Gen<Blob> BLOBS = Gen.frequency(
            Weighted.of(3, Gen.elementOf(new byte[0], "A".getBytes(StandardCharsets.UTF_8),
                    "B".getBytes(StandardCharsets.UTF_8))),
            Weighted.of(2, DomainGen.artifacts())).map(Blob::new);

    private static final ModelMetadata PLAIN = ModelMetadata.of("bytes");

    /** Mostly plain metadata; sometimes a full document, which must come back equal. */
    private static final Gen<ModelMetadata> METADATA = Gen.frequency(
            Weighted.of(4, Gen.constant(PLAIN)),
            Weighted.of(1, DomainGen.metadata()));

    /** Registrations favour "a", so that one model gathers versions (and "b" second). */
    private static final Gen<Register> REGISTER = Gen.zip(Gen.frequency(
                    Weighted.of(8, Gen.constant("a")), Weighted.of(2, Gen.constant("b")),
                    Weighted.of(1, Gen.elementOf(NAMES))),
            BLOBS, METADATA, Register::new);

    /**
     * Runs random command sequences against a real registry on disk and the {@link Ref} model.
     *
     * <p>This also covers storage consistency (property 3): after any sequence of save
     * ({@link Register}), load (every invariant check reads every live artifact back through
     * {@code models().openArtifact}, and {@code models().load} for the built-in bytes format), delete
     * ({@link DeleteVersion}, {@link DeleteModel}), export and import ({@link ExportImport},
     * {@link ImportEarlier}), garbage collection ({@link Gc}) and reopening ({@link Reopen}), every live
     * version loads byte-identical and its recorded digest is the SHA-256 of those bytes.
     */
    @Test
    void the_registry_life_cycle_agrees_with_a_reference_model() {
        StateMachine.<Ref, Sut>builder()
                .initialModel(Ref::new)
                .system(Sut::new)
                .cleanup(Sut::close)
                // Commands are drawn uniformly from the generators that apply: registering is added twice, and
                // extra generators offer only alias moves and undoable rollbacks, so that short sequences
                // still reach rollbacks that succeed or hit a deleted version.
                .command(REGISTER)
                .command(REGISTER)
                .commandFrom(ref -> setAlias(ref, false))
                .commandFrom(ref -> setAlias(ref, true))
                .commandFrom(ref -> setAlias(ref, true))
                .commandFrom(ref -> rollback(ref, false))
                .commandFrom(ref -> rollback(ref, true))
                .commandFrom(ref -> rollback(ref, true))
                .commandFrom(RegistryIntegrityPropertiesTest::deleteVersion)
                .commandFrom(RegistryIntegrityPropertiesTest::deleteOrRenameModel)
                .command(Gen.elementOf(new ExportImport(), new Reopen(), new Gc(), new CopyToFreshRegistry()))
                // Deployments: a deployable version first, then actions on the environment, offered several
                // times so that short sequences still reach promotions and rollbacks.
                .command(Gen.constant(new RegisterServable()))
                .commandFrom(RegistryIntegrityPropertiesTest::deploymentAction)
                .commandFrom(RegistryIntegrityPropertiesTest::deploymentAction)
                .commandFrom(RegistryIntegrityPropertiesTest::deploymentAction)
                .commandFrom(RegistryIntegrityPropertiesTest::deploymentAction)
                .commandFrom(ref -> ref.archives.isEmpty() ? Optional.empty()
                        : Optional.of(Gen.integers(1, ref.archives.size()).map(ImportEarlier::new)))
                .invariant("models, aliases and alias history match the reference",
                        RegistryIntegrityPropertiesTest::sameModels)
                .invariant("version numbers are never reused and history only grows",
                        RegistryIntegrityPropertiesTest::sameHistory)
                .invariant("every live version loads byte-identical with its recorded SHA-256",
                        RegistryIntegrityPropertiesTest::liveVersionsLoad)
                .invariant("verify() is healthy and finds no leftover temp files",
                        RegistryIntegrityPropertiesTest::healthy)
                .invariant("the environment's deployments and answers match the reference",
                        RegistryIntegrityPropertiesTest::sameDeployments)
                .maxCommands(20)
                .build()
                .maxShrinks(1_000)
                .check();
    }

    // ---------------------------------------------------------------- the system under test

    /**
     * How every registry of these properties is configured, from its directory: the embedded registry here.
     * model-registry-shared-it runs the same properties with PostgreSQL metadata and S3 artifacts by setting it
     * (same directory, same backends: a reopened registry must see its data again). Set it before the tests
     * run, never while they run.
     */
    static volatile java.util.function.Function<Path, ModelRegistry.Builder> backend = ModelRegistry::builder;

    /** A registry in a fresh temp directory; the handle changes when the registry is reopened. */
    static final class Sut {
        final Path root;
        final Path dir;
        ModelRegistry registry;
        int archives;
        int copies;
        int historySeen;

        Sut() throws IOException {
            root = Files.createTempDirectory("registry-properties");
            dir = root.resolve("registry");
            registry = open(dir);
        }

        static ModelRegistry open(Path dir) {
            return backend.apply(dir).cacheMaxBytes(1_000_000).open();
        }

        void reopen() {
            registry.close();
            registry = open(dir);
        }

        void close() throws IOException {
            try {
                registry.close();
            } finally {
                deleteRecursively(root);
            }
        }
    }

    // ---------------------------------------------------------------- the reference model

    /** Every model row the registry should hold, by current name (deleted models keep their names). */
    static final class Ref {
        final Map<String, RefModel> models = new TreeMap<>();
        /** The deployments of {@link #ENVIRONMENT}. */
        final RefEnvironment environment = new RefEnvironment();
        /** What each export wrote, by archive number - 1. */
        final List<List<ArchivedModel>> archives = new ArrayList<>();

        List<String> live() {
            return models.entrySet().stream().filter(e -> !e.getValue().deleted).map(Map.Entry::getKey).toList();
        }

        List<String> liveWithVersions() {
            return models.entrySet().stream().filter(e -> !e.getValue().deleted && !e.getValue().live.isEmpty())
                    .map(Map.Entry::getKey).toList();
        }

        List<String> withAliases() {
            return models.entrySet().stream().filter(e -> !e.getValue().aliases.isEmpty())
                    .map(Map.Entry::getKey).toList();
        }

        /** Names no model row holds: the only valid rename targets. */
        List<String> unused() {
            return NAMES.stream().filter(n -> !models.containsKey(n)).toList();
        }

        int liveVersionCount() {
            return models.values().stream().filter(m -> !m.deleted).mapToInt(m -> m.live.size()).sum();
        }
    }

    /** One model row: its numbering, versions, aliases and alias-change log. */
    static final class RefModel {
        int next = 1;
        boolean deleted;
        /** Every version row, live or deleted. */
        final TreeMap<Integer, Stored> all = new TreeMap<>();
        /** The live versions. */
        final TreeMap<Integer, Stored> live = new TreeMap<>();
        final TreeMap<String, Integer> aliases = new TreeMap<>();
        /** Mirrors the alias_change table: every recorded move, in order. */
        final List<Change> changes = new ArrayList<>();

        /** The newest 'set' move onto the alias's current target that no rollback has undone, or null. */
        Change undoableMove(String alias) {
            Integer current = aliases.get(alias);
            for (int i = changes.size() - 1; i >= 0; i--) {
                Change c = changes.get(i);
                if (c.alias.equals(alias) && c.reason.equals("set") && !c.undone && Objects.equals(c.target, current)) {
                    return c;
                }
            }
            return null;
        }

        void removeAliasesOf(int version) {
            for (String alias : new ArrayList<>(aliases.keySet())) {
                if (aliases.get(alias) == version) {
                    aliases.remove(alias);
                    changes.add(new Change(alias, version, null, "version deleted"));
                }
            }
        }
    }

    /** One alias move; {@code undone} marks a 'set' move a rollback has reverted. */
    static final class Change {
        final String alias;
        final Integer previous;
        final Integer target;
        final String reason;
        boolean undone;

        Change(String alias, Integer previous, Integer target, String reason) {
            this.alias = alias;
            this.previous = previous;
            this.target = target;
            this.reason = reason;
        }

        Change copy() {
            Change c = new Change(alias, previous, target, reason);
            c.undone = undone;
            return c;
        }

        @Override
        public String toString() {
            return alias + ": " + previous + " -> " + target + " (" + reason + ")";
        }
    }

    /** A version's content. */
    record Stored(byte[] bytes, ModelMetadata metadata) {
    }

    /** One model as an export wrote it: its live versions and the aliases onto them. */
    record ArchivedModel(String name, Map<Integer, Stored> versions, Map<String, Integer> aliases,
            List<Change> changes, int highestDeleted) {
    }

    /** An artifact's bytes, printed short. */
    record Blob(byte[] bytes) {
        @Override
        public String toString() {
            return bytes.length <= 8 ? "Blob" + Arrays.toString(bytes)
                    : "Blob[" + bytes.length + " bytes, sha256:" + sha256(bytes).substring(0, 12) + "...]";
        }
    }

    // ---------------------------------------------------------------- commands

    record Register(String model, Blob blob, ModelMetadata metadata) implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefModel m = ref.models.computeIfAbsent(model, k -> new RefModel());
            ModelVersion v = sut.registry.versions().register(model, blob.bytes(), metadata);
            assertThat(v.model()).isEqualTo(model);
            assertThat(v.version()).as("number assigned to a new version of %s", model).isEqualTo(m.next);
            assertThat(v.state()).isEqualTo(VersionState.LIVE);
            assertThat(v.artifact().digest().hex()).isEqualTo(sha256(blob.bytes()));
            assertThat(v.artifact().size()).isEqualTo(blob.bytes().length);
            assertThat(v.metadata()).isEqualTo(metadata);
            assertThat(v.aliases()).isEmpty();
            m.deleted = false;
            Stored stored = new Stored(blob.bytes(), metadata);
            m.all.put(m.next, stored);
            m.live.put(m.next, stored);
            m.next++;
            return ref;
        }

        @Override
        public String toString() {
            return "Register[model=" + model + ", blob=" + blob + ", metadata="
                    + (metadata.equals(PLAIN) ? "ModelMetadata.of(\"bytes\")" : metadata) + "]";
        }
    }

    record SetAlias(String model, String alias, int version) implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefModel m = ref.models.get(model);
            ModelVersion v = sut.registry.versions().setAlias(model, alias, version);
            assertThat(v.version()).isEqualTo(version);
            assertThat(v.aliases()).contains(alias);
            Integer current = m.aliases.get(alias);
            if (current == null || current != version) { // setting the same target records nothing
                m.changes.add(new Change(alias, current, version, "set"));
                m.aliases.put(alias, version);
            }
            return ref;
        }
    }

    /**
     * Rolls an alias back. The reference applies SqlVersionManager's rule: the newest 'set' move
     * onto the current target that no rollback has undone names where to go; no such move, or one
     * without a previous target, is an AliasNotFoundException; a previous target that was deleted
     * is a ConflictException. Failed rollbacks change nothing.
     */
    record Rollback(String model, String alias) implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefModel m = ref.models.get(model);
            int current = m.aliases.get(alias);
            Change move = m.undoableMove(alias);
            if (move == null || move.previous == null) {
                assertThatThrownBy(() -> sut.registry.versions().rollback(model, alias))
                        .isInstanceOf(AliasNotFoundException.class);
                return ref;
            }
            if (!m.live.containsKey(move.previous)) {
                assertThatThrownBy(() -> sut.registry.versions().rollback(model, alias))
                        .isInstanceOf(ConflictException.class);
                return ref;
            }
            ModelVersion v = sut.registry.versions().rollback(model, alias);
            assertThat(v.version()).as("rollback target").isEqualTo(move.previous);
            move.undone = true;
            m.aliases.put(alias, move.previous);
            m.changes.add(new Change(alias, current, move.previous, "rollback"));
            return ref;
        }
    }

    record DeleteVersion(String model, int version) implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefModel m = ref.models.get(model);
            ModelVersion v = sut.registry.versions().deleteVersion(model, version);
            assertThat(v.version()).isEqualTo(version);
            assertThat(v.state()).isEqualTo(VersionState.DELETED);
            m.live.remove(version);
            m.removeAliasesOf(version);
            return ref;
        }
    }

    record DeleteModel(String model) implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefModel m = ref.models.get(model);
            sut.registry.versions().deleteModel(model);
            for (int version : new ArrayList<>(m.live.keySet())) {
                m.removeAliasesOf(version);
            }
            m.live.clear();
            m.deleted = true;
            return ref;
        }
    }

    /** Renames a live model; a name any model row holds (deleted ones too) is refused and nothing changes. */
    record RenameModel(String from, String to) implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            if (ref.models.containsKey(to)) {
                assertThatThrownBy(() -> sut.registry.versions().renameModel(from, to))
                        .isInstanceOf(AlreadyExistsException.class);
                return ref;
            }
            ModelInfo info = sut.registry.versions().renameModel(from, to);
            assertThat(info.name()).isEqualTo(to);
            ref.models.put(to, ref.models.remove(from));
            return ref;
        }
    }

    /** Exports everything and imports it into the same registry: nothing may change. */
    record ExportImport() implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            Path archive = sut.root.resolve("archives").resolve("export-" + ++sut.archives + ".zip");
            ExportReport exported = sut.registry.backups().exportAll(archive);
            assertThat(exported.models()).isEqualTo(ref.live().size());
            assertThat(exported.versions()).isEqualTo(ref.liveVersionCount());
            List<ArchivedModel> contents = new ArrayList<>();
            for (String name : ref.live()) {
                RefModel m = ref.models.get(name);
                // Format 2 carries the numbers of deleted versions too, and an import never hands them out again.
                int highestDeleted = m.all.keySet().stream().filter(n -> !m.live.containsKey(n))
                        .mapToInt(Integer::intValue).max().orElse(0);
                contents.add(new ArchivedModel(name, new TreeMap<>(m.live), new TreeMap<>(m.aliases),
                        m.changes.stream().map(Change::copy).toList(), highestDeleted));
            }
            ref.archives.add(contents);
            ImportReport imported = sut.registry.backups().importArchive(archive);
            assertThat(imported).isEqualTo(new ImportReport(0, 0, 0, ref.liveVersionCount(), 0, List.of()));
            return ref;
        }
    }

    /**
     * Imports an archive exported earlier in the sequence, after the registry may have changed:
     * deleted versions come back with the same number and bytes (their blobs again, even after gc),
     * deleted models come back, missing aliases are set, a name now held by a different model with
     * other bytes under an archived number is a conflict that changes nothing.
     */
    record ImportEarlier(int archive) implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            Path file = sut.root.resolve("archives").resolve("export-" + archive + ".zip");
            List<ArchivedModel> contents = ref.archives.get(archive - 1);
            for (ArchivedModel am : contents) {
                RefModel m = ref.models.get(am.name());
                for (Map.Entry<Integer, Stored> v : am.versions().entrySet()) {
                    if (m != null && m.all.containsKey(v.getKey())
                            && !Arrays.equals(m.all.get(v.getKey()).bytes(), v.getValue().bytes())) {
                        assertThatThrownBy(() -> sut.registry.backups().importArchive(file))
                                .isInstanceOf(ConflictException.class);
                        return ref;
                    }
                }
            }
            int created = 0;
            int imported = 0;
            int restored = 0;
            int unchanged = 0;
            int aliasesSet = 0;
            List<String> notes = new ArrayList<>();
            for (ArchivedModel am : contents) {
                RefModel m = ref.models.get(am.name());
                boolean withHistory = m == null;
                if (withHistory) {
                    // Archive format 2: a model the import creates gets its alias history as recorded.
                    m = new RefModel();
                    ref.models.put(am.name(), m);
                    am.changes().forEach(c -> ref.models.get(am.name()).changes.add(c.copy()));
                    created++;
                }
                m.deleted = false;
                int max = 0;
                for (Map.Entry<Integer, Stored> v : am.versions().entrySet()) {
                    max = Math.max(max, v.getKey());
                    if (!m.all.containsKey(v.getKey())) {
                        m.all.put(v.getKey(), v.getValue());
                        m.live.put(v.getKey(), v.getValue());
                        imported++;
                    } else if (!m.live.containsKey(v.getKey())) {
                        m.live.put(v.getKey(), m.all.get(v.getKey()));
                        restored++;
                    } else {
                        unchanged++;
                    }
                }
                m.next = Math.max(m.next, Math.max(max, am.highestDeleted()) + 1);
                for (Map.Entry<String, Integer> a : am.aliases().entrySet()) {
                    Integer current = m.aliases.get(a.getKey());
                    if (current == null) {
                        m.aliases.put(a.getKey(), a.getValue());
                        if (!withHistory) {
                            m.changes.add(new Change(a.getKey(), null, a.getValue(), "set"));
                        }
                        aliasesSet++;
                    } else if (!current.equals(a.getValue())) {
                        notes.add(am.name() + "@" + a.getKey() + " left at version " + current
                                + " (archive says " + a.getValue() + ")");
                    }
                }
            }
            ImportReport report = sut.registry.backups().importArchive(file);
            // The reference does not model deployments: format 2 archives carry them, and an environment that
            // has history here keeps it (a note says so). Such notes may only name environments with history.
            List<String> environmentNotes = report.notes().stream().filter(n -> n.startsWith("environment '"))
                    .toList();
            for (String note : environmentNotes) {
                String environment = note.substring("environment '".length(), note.indexOf('\'', 13));
                assertThat(sut.registry.deployer().history(environment)).as(note).isNotEmpty();
            }
            assertThat(report.notes()).filteredOn(n -> !environmentNotes.contains(n))
                    .containsExactlyInAnyOrderElementsOf(notes);
            assertThat(report).isEqualTo(new ImportReport(created, imported, restored, unchanged, aliasesSet,
                    report.notes()));
            return ref;
        }
    }

    /**
     * Exports everything and imports it into a new, empty registry: it must hold the same live models,
     * version numbers (gaps included), bytes, metadata and aliases, each alias set once by the import.
     * The copy is then closed and deleted; the registry under test does not change.
     */
    record CopyToFreshRegistry() implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) throws IOException {
            Path archive = sut.root.resolve("copies").resolve("copy.zip");
            Files.deleteIfExists(archive);
            sut.registry.backups().exportAll(archive);
            // A new directory each time: with shared backends, a directory stands for its own database and bucket prefix.
            Path copyDir = sut.root.resolve("copy-" + ++sut.copies);
            // The copy trusts the original's signing key, as a registry receiving its archives would.
            try (ModelRegistry copy = backend.apply(copyDir).cacheMaxBytes(1_000_000)
                    .trustKey(sut.registry.publicKey()).open()) {
                int aliases = ref.live().stream().mapToInt(name -> ref.models.get(name).aliases.size()).sum();
                assertThat(copy.backups().importArchive(archive)).isEqualTo(new ImportReport(ref.live().size(),
                        ref.liveVersionCount(), 0, 0, aliases, List.of()));
                assertThat(copy.versions().models()).extracting(ModelInfo::name).containsExactlyElementsOf(ref.live());
                for (String name : ref.live()) {
                    RefModel m = ref.models.get(name);
                    assertThat(copy.versions().model(name).aliases()).as("copied aliases of %s", name)
                            .isEqualTo(m.aliases);
                    assertThat(copy.versions().history(name)).extracting(ModelVersion::version)
                            .as("copied version numbers of %s", name).containsExactlyElementsOf(m.live.keySet());
                    for (Map.Entry<Integer, Stored> live : m.live.entrySet()) {
                        ModelRef version = ModelRef.version(name, live.getKey());
                        assertThat(copy.versions().get(version).metadata()).as("copied metadata of %s", version)
                                .isEqualTo(live.getValue().metadata());
                        try (InputStream in = copy.models().openArtifact(version)) {
                            assertThat(sha256(in.readAllBytes())).as("copied bytes of %s", version)
                                    .isEqualTo(sha256(live.getValue().bytes()));
                        }
                    }
                    // Archive format 2 carries every alias move, as recorded, into the copy.
                    for (String alias : ALIASES) {
                        assertThat(copy.versions().aliasHistory(name, alias))
                                .extracting(RegistryIntegrityPropertiesTest::describe).as("copied history of %s@%s",
                                        name, alias)
                                .containsExactlyElementsOf(m.changes.stream().filter(c -> c.alias.equals(alias))
                                        .map(Change::toString).toList());
                    }
                }
                assertThat(copy.verify().healthy()).isTrue();
            } finally {
                deleteRecursively(copyDir);
                Files.deleteIfExists(archive);
            }
            return ref;
        }
    }

    // ---------------------------------------------------------------- deployments

    /** The model whose versions are deployed: each predicts its own version number. */
    static final String SERVED = "served";
    /** The one environment the commands deploy to. */
    static final String ENVIRONMENT = "staging"; // ungated: these properties are about integrity, not evaluations
    private static final double[] ROW = {1, 2, 3};

    /** One stable deployment and the one it replaced (what a rollback restores). */
    record StableEntry(int version, DeploymentState state, StableEntry previous) {
    }

    /** The reference of one environment: its stable version, and its candidate if one runs. */
    static final class RefEnvironment {
        StableEntry stable;
        Integer candidate;
        DeploymentState candidateState;
        int candidateWeight;

        List<String> describe() {
            List<String> out = new ArrayList<>();
            if (stable != null) {
                out.add(SERVED + "/" + stable.version() + " " + stable.state() + " 100");
            }
            if (candidate != null) {
                out.add(SERVED + "/" + candidate + " " + candidateState + " " + candidateWeight);
            }
            return out;
        }
    }

    /** Registers a version of {@link #SERVED} that predicts its own number. */
    record RegisterServable() implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefModel m = ref.models.computeIfAbsent(SERVED, k -> new RefModel());
            byte[] bytes = LinearTestCodec.artifact(m.next, 0, 0, 0);
            ModelMetadata metadata = ModelMetadata.of(LinearTestCodec.FORMAT);
            ModelVersion v = sut.registry.versions().register(SERVED, bytes, metadata);
            assertThat(v.version()).isEqualTo(m.next);
            Stored stored = new Stored(bytes, metadata);
            m.all.put(m.next, stored);
            m.live.put(m.next, stored);
            m.next++;
            return ref;
        }
    }

    /** Deploys a version with a spec, or checks the refusal the reference predicts. */
    record Deploy(int version, DeploymentSpec spec) implements Command<Ref, Sut> {
        @Override
        public boolean precondition(Ref ref) {
            RefModel m = ref.models.get(SERVED);
            return m != null && m.live.containsKey(version);
        }

        @Override
        public Ref run(Sut sut, Ref ref) {
            RefEnvironment env = ref.environment;
            ModelRef.Numbered v = new ModelRef.Numbered(SERVED, version);
            if (env.stable != null && spec.strategy() != DeploymentStrategy.REPLACE
                    && (env.candidate != null || env.stable.version() == version)) {
                assertThatThrownBy(() -> sut.registry.deployer().deploy(v, ENVIRONMENT, spec))
                        .isInstanceOf(IllegalTransitionException.class);
                return ref;
            }
            Deployment d = sut.registry.deployer().deploy(v, ENVIRONMENT, spec);
            if (env.stable == null || spec.strategy() == DeploymentStrategy.REPLACE) {
                env.stable = new StableEntry(version, DeploymentState.ACTIVE, env.stable);
                env.candidate = null;
            } else {
                env.candidate = version;
                env.candidateState = switch (spec.strategy()) {
                    case CANARY -> DeploymentState.CANARY;
                    case SHADOW -> DeploymentState.SHADOW;
                    default -> DeploymentState.PENDING;
                };
                env.candidateWeight = spec.initialWeightPercent();
            }
            assertThat(d.version()).isEqualTo(v);
            return ref;
        }
    }

    /** Promotes the candidate. */
    record Promote() implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefEnvironment env = ref.environment;
            if (env.stable == null) {
                assertThatThrownBy(() -> sut.registry.deployer().promote(ENVIRONMENT))
                        .isInstanceOf(DeploymentNotFoundException.class);
            } else if (env.candidate == null) {
                assertThatThrownBy(() -> sut.registry.deployer().promote(ENVIRONMENT))
                        .isInstanceOf(IllegalTransitionException.class);
            } else {
                assertThat(sut.registry.deployer().promote(ENVIRONMENT).version().version()).isEqualTo(env.candidate);
                env.stable = new StableEntry(env.candidate, DeploymentState.PROMOTED, env.stable);
                env.candidate = null;
            }
            return ref;
        }
    }

    /** Rolls the environment back: the candidate, or else the stable version to the one before it. */
    record RollbackDeployment() implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefEnvironment env = ref.environment;
            if (env.stable == null) {
                assertThatThrownBy(() -> sut.registry.deployer().rollback(ENVIRONMENT))
                        .isInstanceOf(DeploymentNotFoundException.class);
            } else if (env.candidate != null) {
                assertThat(sut.registry.deployer().rollback(ENVIRONMENT).version().version())
                        .isEqualTo(env.stable.version());
                env.candidate = null;
            } else if (env.stable.previous() == null) {
                assertThatThrownBy(() -> sut.registry.deployer().rollback(ENVIRONMENT))
                        .isInstanceOf(IllegalTransitionException.class);
            } else {
                StableEntry previous = env.stable.previous();
                assertThat(sut.registry.deployer().rollback(ENVIRONMENT).version().version())
                        .isEqualTo(previous.version());
                env.stable = new StableEntry(previous.version(), DeploymentState.ACTIVE, previous.previous());
            }
            return ref;
        }
    }

    /** Changes the canary's weight. */
    record Ramp(int percent) implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefEnvironment env = ref.environment;
            if (env.stable == null) {
                assertThatThrownBy(() -> sut.registry.deployer().setCanaryWeight(ENVIRONMENT, percent))
                        .isInstanceOf(DeploymentNotFoundException.class);
            } else if (env.candidateState != DeploymentState.CANARY || env.candidate == null) {
                assertThatThrownBy(() -> sut.registry.deployer().setCanaryWeight(ENVIRONMENT, percent))
                        .isInstanceOf(IllegalTransitionException.class);
            } else {
                sut.registry.deployer().setCanaryWeight(ENVIRONMENT, percent);
                env.candidateWeight = percent;
            }
            return ref;
        }
    }

    /** Stops serving the environment. */
    record Undeploy() implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            RefEnvironment env = ref.environment;
            if (env.stable == null) {
                assertThatThrownBy(() -> sut.registry.deployer().undeploy(ENVIRONMENT))
                        .isInstanceOf(DeploymentNotFoundException.class);
            } else {
                sut.registry.deployer().undeploy(ENVIRONMENT);
                env.stable = null;
                env.candidate = null;
            }
            return ref;
        }
    }

    /** Any deployment action, once the deployable model has a live version. */
    private static Optional<Gen<? extends Command<Ref, Sut>>> deploymentAction(Ref ref) {
        RefModel m = ref.models.get(SERVED);
        if (m == null || m.live.isEmpty()) {
            return Optional.empty();
        }
        Gen<Deploy> deploy = Gen.zip(Gen.elementOf(List.copyOf(m.live.keySet())),
                Gen.elementOf(DeploymentSpec.replace(), DeploymentSpec.canary(10), DeploymentSpec.canary(100),
                        DeploymentSpec.shadow(), DeploymentSpec.blueGreen()), Deploy::new);
        Gen<Command<Ref, Sut>> others = Gen.elementOf(new Promote(), new RollbackDeployment(), new Undeploy(),
                new Ramp(25), new Ramp(100));
        return Optional.of(Gen.oneOf(deploy.map(d -> (Command<Ref, Sut>) d), others));
    }

    /**
     * The deployer lists what the reference holds, and the endpoint answers with the stable version, or with
     * the canary for keys routing sends there (always at 100 %), never with a shadow or pending candidate.
     */
    private static void sameDeployments(Ref ref, Sut sut) {
        RefEnvironment env = ref.environment;
        var deployer = sut.registry.deployer();
        assertThat(deployer.deployments(ENVIRONMENT)).extracting(d -> d.version() + " " + d.state() + " "
                + d.weightPercent()).as("deployments of %s", ENVIRONMENT).containsExactlyElementsOf(env.describe());
        var endpoint = deployer.endpoint(ENVIRONMENT);
        if (env.stable == null) {
            assertThatThrownBy(() -> endpoint.predict(ROW, "key")).isInstanceOf(DeploymentNotFoundException.class);
            return;
        }
        boolean canary = env.candidate != null && env.candidateState == DeploymentState.CANARY;
        for (String key : List.of("AAPL", "MSFT", "SAP", "ASML", "NOVO")) {
            var p = endpoint.serve(ROW, key);
            assertThat(p.version()).isEqualTo(endpoint.route(key));
            assertThat(p.value()).as("answer for %s", key).isEqualTo(p.version().version());
            if (canary && env.candidateWeight == 100) {
                assertThat(p.version().version()).isEqualTo(env.candidate);
            } else if (!canary) {
                assertThat(p.version().version()).isEqualTo(env.stable.version());
            } else {
                assertThat(p.version().version()).isIn(env.stable.version(), env.candidate);
            }
        }
    }

    /** Closes the registry and opens a new handle on the same directory. */
    record Reopen() implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            sut.reopen();
            return ref;
        }
    }

    /** Removes every unreferenced blob now: live versions must keep theirs. */
    record Gc() implements Command<Ref, Sut> {
        @Override
        public Ref run(Sut sut, Ref ref) {
            sut.registry.gc(Duration.ZERO);
            return ref;
        }
    }

    /** Deletes any live version. */
    private static Optional<Gen<? extends Command<Ref, Sut>>> deleteVersion(Ref ref) {
        // The deployable model is never deleted or renamed: deployments refer to its versions.
        List<String> names = ref.liveWithVersions().stream().filter(n -> !n.equals(SERVED)).toList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Gen.elementOf(names).flatMap(name -> Gen.elementOf(
                List.copyOf(ref.models.get(name).live.keySet())).map(n -> new DeleteVersion(name, n))));
    }

    /** Deletes a live model, or renames one: mostly to a name no model row holds, sometimes to a taken one. */
    private static Optional<Gen<? extends Command<Ref, Sut>>> deleteOrRenameModel(Ref ref) {
        List<String> live = ref.live().stream().filter(n -> !n.equals(SERVED)).toList();
        if (live.isEmpty()) {
            return Optional.empty();
        }
        Gen<DeleteModel> delete = Gen.elementOf(live).map(DeleteModel::new);
        Gen<RenameModel> toTaken = Gen.zip(Gen.elementOf(live), Gen.elementOf(List.copyOf(ref.models.keySet())),
                RenameModel::new);
        List<String> unused = ref.unused();
        Gen<RenameModel> rename = unused.isEmpty() ? toTaken : Gen.frequency(
                Weighted.of(3, Gen.zip(Gen.elementOf(live), Gen.elementOf(unused), RenameModel::new)),
                Weighted.of(1, toTaken));
        return Optional.of(Gen.oneOf(delete, rename));
    }

    /** Any alias onto any live version, or only moves of an existing alias (which a rollback can undo). */
    private static Optional<Gen<? extends Command<Ref, Sut>>> setAlias(Ref ref, boolean onlyMoves) {
        List<SetAlias> all = new ArrayList<>();
        List<SetAlias> moves = new ArrayList<>();
        for (String name : ref.liveWithVersions()) {
            RefModel m = ref.models.get(name);
            for (String alias : ALIASES) {
                for (int version : m.live.keySet()) {
                    all.add(new SetAlias(name, alias, version));
                    if (m.aliases.containsKey(alias) && m.aliases.get(alias) != version) {
                        moves.add(new SetAlias(name, alias, version));
                    }
                }
            }
        }
        List<SetAlias> offered = onlyMoves ? moves : all;
        return offered.isEmpty() ? Optional.empty() : Optional.of(Gen.elementOf(offered));
    }

    /**
     * Rolls back any existing alias, or only one with a move to undo (a rollback that succeeds or hits a
     * deleted version).
     */
    private static Optional<Gen<? extends Command<Ref, Sut>>> rollback(Ref ref, boolean onlyUndoable) {
        List<Rollback> all = new ArrayList<>();
        List<Rollback> undoable = new ArrayList<>();
        for (String name : ref.withAliases()) {
            RefModel m = ref.models.get(name);
            for (String alias : m.aliases.keySet()) {
                all.add(new Rollback(name, alias));
                Change move = m.undoableMove(alias);
                if (move != null && move.previous != null) {
                    undoable.add(new Rollback(name, alias));
                }
            }
        }
        List<Rollback> offered = onlyUndoable ? undoable : all;
        return offered.isEmpty() ? Optional.empty() : Optional.of(Gen.elementOf(offered));
    }

    // ---------------------------------------------------------------- invariants

    private static void sameModels(Ref ref, Sut sut) {
        var versions = sut.registry.versions();
        assertThat(versions.models()).extracting(ModelInfo::name).containsExactlyElementsOf(ref.live());
        for (Map.Entry<String, RefModel> e : ref.models.entrySet()) {
            String name = e.getKey();
            RefModel m = e.getValue();
            for (String alias : m.aliases.keySet()) {
                assertThat(m.live).as("reference alias %s@%s", name, alias).containsKey(m.aliases.get(alias));
            }
            if (m.deleted) {
                assertThatThrownBy(() -> versions.model(name)).isInstanceOf(ModelNotFoundException.class);
            } else {
                ModelInfo info = versions.model(name);
                assertThat(info.aliases()).as("aliases of %s", name).isEqualTo(m.aliases);
                assertThat(info.liveVersions()).as("live versions of %s", name).isEqualTo(m.live.size());
                assertThat(info.latestVersion()).as("latest version of %s", name)
                        .isEqualTo(m.live.isEmpty() ? Optional.empty() : Optional.of(m.live.lastKey()));
            }
            for (String alias : ALIASES) {
                List<String> expected = m.changes.stream().filter(c -> c.alias.equals(alias))
                        .map(Change::toString).toList();
                List<String> actual = versions.aliasHistory(name, alias).stream()
                        .map(RegistryIntegrityPropertiesTest::describe).toList();
                assertThat(actual).as("history of %s@%s", name, alias).isEqualTo(expected);
            }
        }
    }

    private static void sameHistory(Ref ref, Sut sut) {
        var versions = sut.registry.versions();
        int total = 0;
        for (Map.Entry<String, RefModel> e : ref.models.entrySet()) {
            RefModel m = e.getValue();
            List<ModelVersion> history = versions.history(e.getKey());
            assertThat(history).extracting(ModelVersion::version).as("version numbers of %s", e.getKey())
                    .containsExactlyElementsOf(m.all.keySet());
            assertThat(m.all.isEmpty() ? 0 : m.all.lastKey()).as("next number of %s", e.getKey()).isLessThan(m.next);
            for (ModelVersion v : history) {
                assertThat(v.state()).as("state of %s", v.ref())
                        .isEqualTo(m.live.containsKey(v.version()) ? VersionState.LIVE : VersionState.DELETED);
            }
            total += history.size();
        }
        for (String unused : ref.unused()) {
            assertThatThrownBy(() -> versions.history(unused)).isInstanceOf(ModelNotFoundException.class);
        }
        assertThat(total).as("versions ever registered").isGreaterThanOrEqualTo(sut.historySeen);
        sut.historySeen = total;
    }

    private static void liveVersionsLoad(Ref ref, Sut sut) throws IOException {
        for (Map.Entry<String, RefModel> e : ref.models.entrySet()) {
            for (Map.Entry<Integer, Stored> live : e.getValue().live.entrySet()) {
                ModelRef version = ModelRef.version(e.getKey(), live.getKey());
                ModelVersion v = sut.registry.versions().get(version);
                byte[] expected = live.getValue().bytes();
                assertThat(v.metadata()).as("metadata of %s", version).isEqualTo(live.getValue().metadata());
                assertThat(v.artifact().digest().hex()).as("recorded digest of %s", version)
                        .isEqualTo(sha256(expected));
                assertThat(v.artifact().size()).as("recorded size of %s", version).isEqualTo(expected.length);
                assertThat(v.aliases()).as("aliases on %s", version).containsExactlyElementsOf(
                        new TreeSet<>(e.getValue().aliases.entrySet().stream()
                                .filter(a -> a.getValue().equals(live.getKey())).map(Map.Entry::getKey).toList()));
                try (InputStream in = sut.registry.models().openArtifact(version)) {
                    byte[] actual = in.readAllBytes();
                    assertThat(sha256(actual)).as("bytes of %s", version).isEqualTo(sha256(expected));
                }
                if (v.metadata().formatId().equals(BytesModel.FORMAT_ID)) { // through the cache as well
                    LoadedModel loaded = sut.registry.models().load(version);
                    assertThat(loaded.version().ref()).isEqualTo(version);
                    assertThat(sha256(loaded.unwrap(byte[].class))).as("loaded bytes of %s", version)
                            .isEqualTo(sha256(expected));
                }
            }
        }
    }

    private static void healthy(Ref ref, Sut sut) {
        VerifyReport report = sut.registry.verify();
        assertThat(report.healthy()).as("%s", report.findings()).isTrue();
        assertThat(report.findings(Finding.Kind.LEFTOVER_TEMP)).isEmpty();
        assertThat(report.versionsChecked()).isEqualTo(ref.liveVersionCount());
    }

    private static String describe(AliasChange c) {
        return new Change(c.alias(), c.previous().orElse(null), c.target().orElse(null), c.reason()).toString();
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
