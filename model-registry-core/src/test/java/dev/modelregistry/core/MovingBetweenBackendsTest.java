package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.archive.ExportReport;
import dev.modelregistry.api.archive.ImportReport;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.deployment.LinearTestCodec;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a registry between backends: export from an embedded registry, import into one on PostgreSQL,
 * export again and import into a new embedded registry. Everything the public API shows survives both
 * hops: models, versions with digests, metadata, metrics, tags and documents, aliases with their
 * history, model tags, the audit trail (plus one import row per model per hop), deployments and their
 * history, and artifacts that load and verify.
 */
class MovingBetweenBackendsTest {
    private static final List<String> MODELS = List.of("spx", "ndx");
    private static final List<String> ENVIRONMENTS = List.of("trading", "staging");

    @TempDir
    Path dir;

    /** What the public API shows of a registry, in a form that compares across registries. */
    record Observed(List<String> models, List<String> versions, List<String> aliases,
            List<String> aliasHistory, java.util.Map<String, List<String>> audit, List<String> deployments, List<String> deploymentHistory) {
    }

    static Observed observe(ModelRegistry r) {
        List<String> models = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        List<String> aliasHistory = new ArrayList<>();
        java.util.Map<String, List<String>> audit = new java.util.TreeMap<>();
        for (String m : MODELS) {
            var info = r.versions().model(m);
            models.add(m + " " + info.createdAt() + " " + info.tags());
            for (ModelVersion v : r.versions().history(m)) {
                versions.add(v.ref() + " " + v.state() + " " + v.artifact() + " " + v.metadata() + " " + v.tags() + " "
                        + v.createdAt() + " " + v.createdBy()
                        + (v.state().name().equals("LIVE") ? " " + r.versions().documents(v.ref()) : ""));
            }
            aliases.add(m + " " + new java.util.TreeMap<>(info.aliases()));
            for (String alias : List.of("champion", "challenger")) {
                r.versions().aliasHistory(m, alias).forEach(c -> aliasHistory.add(c.toString()));
            }
            for (AuditEntry e : r.audit().query(Optional.of(m), Optional.empty(), Optional.empty(), 100_000)) {
                audit.computeIfAbsent(m, x -> new ArrayList<>()).add(e.at() + " " + e.actor() + " " + e.operation() + " " + e.model() + " " + e.target() + " "
                        + e.before() + " " + e.after());
            }
        }
        List<String> deployments = new ArrayList<>();
        List<String> deploymentHistory = new ArrayList<>();
        for (String env : ENVIRONMENTS) {
            for (Deployment d : r.deployer().deployments(env)) {
                deployments.add(env + " " + d.version() + " " + d.spec() + " " + d.state() + " " + d.weightPercent()
                        + " " + d.since());
            }
            List<DeploymentEvent> events = r.deployer().history(env);
            long first = events.isEmpty() ? 0 : events.get(0).deploymentId();
            for (DeploymentEvent e : events) {
                // Ids are the target's own; their differences say which event belongs to which deployment.
                deploymentHistory.add(env + " d+" + (e.deploymentId() - first) + " " + e.version() + " " + e.action()
                        + " " + e.from() + " " + e.to() + " " + e.weightPercent() + " " + e.at() + " " + e.actor()
                        + " " + e.reason());
            }
        }
        return new Observed(models, versions, aliases, aliasHistory, audit, deployments, deploymentHistory);
    }

    @Test
    void embedded_to_postgres_to_embedded_keeps_versions_aliases_history_audit_and_deployments() throws Exception {
        Path first = dir.resolve("first.zip");
        Path second = dir.resolve("second.zip");
        Observed original;
        try (ModelRegistry a = ModelRegistry.open(dir.resolve("a"))) {
            original = populate(a);
            a.backups().exportAll(first);
        }
        assertThat(original.deploymentHistory()).hasSizeGreaterThan(4);
        assertThat(original.aliasHistory()).hasSize(5);

        String url = PostgresServer.newDatabase();
        try (ModelRegistry pg = ModelRegistry.builder(dir.resolve("pg")).postgres(url, "", "")
                .trustKey(BackupTest.keyOf(dir.resolve("a"))).open()) {
            ImportReport report = pg.backups().importArchive(first);
            assertThat(report.modelsCreated()).isEqualTo(2);
            assertThat(report.notes()).isEmpty();
            sameAfterImports(observe(pg), original, 1);
            assertThat(pg.verify().healthy()).isTrue();
            // A deleted number is never handed out again.
            assertThat(pg.versions().register("ndx", new byte[] {1}, ModelMetadata.of("bytes")).version())
                    .isEqualTo(7);
            pg.versions().deleteVersion("ndx", 7);
            pg.backups().exportAll(second);
        }
        try (ModelRegistry b = ModelRegistry.builder(dir.resolve("b")).trustKey(BackupTest.keyOf(dir.resolve("pg")))
                .open()) {
            b.backups().importArchive(second);
            Observed back = observe(b);
            assertThat(back.models()).isEqualTo(original.models());
            assertThat(back.versions()).isEqualTo(live(original.versions()));
            assertThat(back.aliases()).isEqualTo(original.aliases());
            assertThat(back.deployments()).isEqualTo(original.deployments());
            assertThat(back.deploymentHistory()).isEqualTo(original.deploymentHistory());
            assertThat(back.aliasHistory()).isEqualTo(original.aliasHistory());
            for (String m : MODELS) {
                assertThat(back.audit().get(m)).startsWith(original.audit().get(m).toArray(String[]::new));
            }
            for (String m : MODELS) {
                b.versions().versions(m).forEach(v -> assertThat(b.models().load(v.ref())).isNotNull());
            }
            assertThat(b.verify().healthy()).isTrue();
            assertThat(b.versions().register("ndx", new byte[] {2}, ModelMetadata.of("bytes")).version())
                    .isEqualTo(8);
        }
    }

    /**
     * Fills a registry with what the moves must keep: two models of six versions each (one deleted), aliases
     * with a rollback, tags, a document, and deployments with a canary rolled back.
     *
     * @return what the public API shows of it
     */
    static Observed populate(ModelRegistry a) {
        for (int i = 1; i <= 6; i++) {
            for (String m : MODELS) {
                a.versions().register(m, LinearTestCodec.artifact(i, m.equals("spx") ? 1 : 2, 0, 0),
                        ModelMetadata.builder(LinearTestCodec.FORMAT).metric("rmse", 1.0 / i).property("lr", "0.0" + i).description("run " + i).build());
            }
        }
        a.versions().setAlias("spx", "champion", 2);
        a.versions().setAlias("spx", "champion", 4);
        a.versions().rollback("spx", "champion");
        a.versions().setAlias("spx", "challenger", 5);
        a.versions().setAlias("ndx", "champion", 6);
        a.versions().deleteVersion("spx", 3);
        a.versions().setVersionTag(ModelRef.parse("spx/4"), "stage", "prod");
        a.versions().setModelTag("spx", "owner", "quants");
        a.versions().putDocument(ModelRef.parse("spx/4"), "evaluation", "{\"hit_rate\":0.55}");
        a.deployer().deploy(ModelRef.parse("spx/1"), "trading", DeploymentSpec.replace());
        a.deployer().deploy(ModelRef.parse("spx/2"), "trading", DeploymentSpec.replace());
        a.deployer().deploy(ModelRef.parse("spx/4"), "trading", DeploymentSpec.canary(20));
        a.deployer().rollback("trading", "too slow");
        a.deployer().deploy(ModelRef.parse("ndx/6"), "staging", DeploymentSpec.replace());
        return observe(a);
    }

    /** Deleted versions do not travel: their bytes may be gone, only their numbers stay reserved. */
    static List<String> live(List<String> versions) {
        return versions.stream().filter(v -> !v.contains(" DELETED ")).toList();
    }

    /** Equal to the original, except for one import-model row per model and one import-deployments row per environment per hop at the end of its trail. */
    static void sameAfterImports(Observed got, Observed original, int hops) {
        assertThat(got.models()).isEqualTo(original.models());
        assertThat(got.versions()).isEqualTo(live(original.versions()));
        assertThat(got.aliases()).isEqualTo(original.aliases());
        assertThat(got.aliasHistory()).isEqualTo(original.aliasHistory());
        for (String m : MODELS) {
            List<String> trail = got.audit().get(m);
            List<String> before = original.audit().get(m);
            assertThat(trail).startsWith(before.toArray(String[]::new));
            // Each model here has one environment of its own.
            assertThat(trail.subList(before.size(), trail.size())).hasSize(2 * hops)
                    .anyMatch(row -> row.contains(" import-model ")).anyMatch(row -> row.contains(" import-deployments "));
        }
        assertThat(got.deployments()).isEqualTo(original.deployments());
        assertThat(got.deploymentHistory()).isEqualTo(original.deploymentHistory());
    }
}
