package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.archive.ImportReport;
import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.MovingBetweenBackendsTest.Observed;
import dev.modelregistry.shared.SharedBackends;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's {@link MovingBetweenBackendsTest} with the artifacts on S3 too: export from an embedded registry,
 * import into one on PostgreSQL metadata and S3 artifacts, export again and import into a new embedded
 * registry. Versions with their digests, metadata, tags and documents, aliases with their history, the audit
 * trail and the deployments survive both hops; the bucket holds exactly the live versions' artifacts.
 */
class SharedMovingBetweenBackendsTest {
    @RegisterExtension
    static final SharedBackends BACKENDS = new SharedBackends();

    @TempDir
    Path dir;


    @Test
    void embedded_to_postgres_and_s3_to_embedded_keeps_versions_digests_aliases_tags_audit_and_deployments() {
        Path first = dir.resolve("first.zip");
        Path second = dir.resolve("second.zip");
        Observed original;
        try (ModelRegistry a = ModelRegistry.open(dir.resolve("a"))) {
            original = MovingBetweenBackendsTest.populate(a);
            a.backups().exportAll(first);
        }
        assertThat(original.aliasHistory()).hasSize(5);
        assertThat(original.deploymentHistory()).hasSizeGreaterThan(4);

        Path shared = dir.resolve("shared");
        try (ModelRegistry s = BACKENDS.builder(shared).trustKey(BackupTest.keyOf(dir.resolve("a"))).open()) {
            ImportReport report = s.backups().importArchive(first);
            assertThat(report.modelsCreated()).isEqualTo(2);
            assertThat(report.notes()).isEmpty();
            Observed imported = MovingBetweenBackendsTest.observe(s);
            MovingBetweenBackendsTest.sameAfterImports(imported, original, 1);
            // The artifacts are in the bucket, under their digests, and nothing else is.
            Set<String> live = new TreeSet<>();
            for (String m : List.of("spx", "ndx")) {
                for (ModelVersion v : s.versions().versions(m)) {
                    s.storage().verify(v.artifact());
                    live.add(v.artifact().digest().toString());
                }
            }
            assertThat(live).hasSize(11);
            try (Stream<StoredArtifact> stored = BACKENDS.backend(shared).storage().list()) {
                Set<String> inBucket = stored.map(a -> a.info().digest().toString())
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(inBucket).as("objects in the bucket").isEqualTo(live);
            }
            assertThat(s.verify().healthy()).isTrue();
            // A deleted number is never handed out again.
            assertThat(s.versions().register("ndx", new byte[] {1}, ModelMetadata.of("bytes")).version()).isEqualTo(7);
            s.versions().deleteVersion("ndx", 7);
            s.backups().exportAll(second);
        }
        try (ModelRegistry b = ModelRegistry.builder(dir.resolve("b")).trustKey(BackupTest.keyOf(shared)).open()) {
            b.backups().importArchive(second);
            Observed back = MovingBetweenBackendsTest.observe(b);
            assertThat(back.models()).isEqualTo(original.models());
            assertThat(back.versions()).as("versions with digests, metadata, tags and documents")
                    .isEqualTo(MovingBetweenBackendsTest.live(original.versions()));
            assertThat(back.aliases()).isEqualTo(original.aliases());
            assertThat(back.aliasHistory()).isEqualTo(original.aliasHistory());
            assertThat(back.deployments()).isEqualTo(original.deployments());
            assertThat(back.deploymentHistory()).isEqualTo(original.deploymentHistory());
            for (String m : List.of("spx", "ndx")) {
                List<String> trail = back.audit().get(m);
                assertThat(trail).startsWith(original.audit().get(m).toArray(String[]::new));
                // Two hops of import-model and import-deployments rows; ndx also its version 7, made and deleted.
                List<String> added = trail.subList(original.audit().get(m).size(), trail.size());
                assertThat(added).as("%s: rows added by the moves", m).hasSize(m.equals("ndx") ? 6 : 4);
                assertThat(added).filteredOn(row -> row.contains(" import-model ")).hasSize(2);
                assertThat(added).filteredOn(row -> row.contains(" import-deployments ")).hasSize(2);
                b.versions().versions(m).forEach(v -> assertThat(b.models().load(v.ref())).isNotNull());
            }
            assertThat(b.verify().healthy()).isTrue();
        }
    }
}
