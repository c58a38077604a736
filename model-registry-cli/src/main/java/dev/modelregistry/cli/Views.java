package dev.modelregistry.cli;

import dev.modelregistry.api.archive.ExportReport;
import dev.modelregistry.api.archive.ImportReport;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.version.AliasChange;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of {@code --json}, one record per kind of answer. They are the CLI's script contract
 * (docs/cli.md): field names are spelled here, not derived from the api's records, so an api change cannot
 * rename a field a script reads. An absent value is JSON {@code null}. Immutable.
 */
final class Views {
    private Views() {
    }

    record ModelView(String name, Integer latestVersion, int liveVersions, Map<String, Integer> aliases,
            Map<String, String> tags, String createdAt) {
        static ModelView of(ModelInfo m) {
            return new ModelView(m.name(), m.latestVersion().orElse(null), m.liveVersions(), m.aliases(), m.tags(),
                    text(m.createdAt()));
        }
    }

    record VersionView(String model, int version, String ref, String state, String format, String modelType,
            String description, String digest, long size, List<String> aliases, Map<String, String> tags,
            Map<String, Double> metrics, Map<String, String> deployments, String createdAt, String createdBy,
            String deletedAt) {
        static VersionView of(ModelVersion v) {
            return new VersionView(v.model(), v.version(), v.ref().toString(), v.state().name(),
                    v.metadata().formatId(), v.metadata().modelType(), v.metadata().description(),
                    v.artifact().digest().hex(), v.artifact().size(), v.aliases(), v.tags(), v.metadata().metrics(),
                    v.deployment().stateByEnvironment(), text(v.createdAt()),
                    v.createdBy(), v.deletedAt().map(Views::text).orElse(null));
        }
    }

    record AliasChangeView(String model, String alias, Integer previous, Integer target, String at, String actor,
            String reason) {
        static AliasChangeView of(AliasChange c) {
            return new AliasChangeView(c.model(), c.alias(), c.previous().orElse(null), c.target().orElse(null),
                    text(c.at()), c.actor(), c.reason());
        }
    }

    record DeploymentView(long id, String environment, String model, int version, String strategy, String state,
            int weightPercent, String since) {
        static DeploymentView of(Deployment d) {
            return new DeploymentView(d.id(), d.environment(), d.version().model(), d.version().version(),
                    d.spec().strategy().name(), d.state().name(), d.weightPercent(), text(d.since()));
        }
    }

    record DeploymentEventView(long id, String environment, long deploymentId, String model, int version,
            String action, String from, String to, int weightPercent, String at, String actor, String reason) {
        static DeploymentEventView of(DeploymentEvent e) {
            return new DeploymentEventView(e.id(), e.environment(), e.deploymentId(), e.version().model(),
                    e.version().version(), e.action(), e.from().map(Enum::name).orElse(null), e.to().name(),
                    e.weightPercent(), text(e.at()), e.actor(), e.reason());
        }
    }

    record AuditView(long sequence, String at, String actor, String operation, String model, String target,
            String before, String after) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.sequence(), text(e.at()), e.actor(), e.operation(), e.model(), e.target(),
                    e.before(), e.after());
        }
    }

    record FindingView(String kind, String subject, String detail) {
    }

    record VerifyView(boolean healthy, int versionsChecked, int blobsChecked, long bytesChecked,
            List<FindingView> findings) {
        static VerifyView of(VerifyReport r) {
            return new VerifyView(r.healthy(), r.versionsChecked(), r.blobsChecked(), r.bytesChecked(),
                    r.findings().stream().map(f -> new FindingView(f.kind().name(), f.subject(), f.detail())).toList());
        }
    }

    record GcView(int tempFilesRemoved, int blobsRemoved, long bytesFreed) {
        static GcView of(GcReport r) {
            return new GcView(r.tempFilesRemoved(), r.blobsRemoved(), r.bytesFreed());
        }
    }

    record ExportView(String archive, int models, int versions, int blobs, long artifactBytes) {
        static ExportView of(ExportReport r) {
            return new ExportView(r.archive().toAbsolutePath().toString(), r.models(), r.versions(), r.blobs(),
                    r.artifactBytes());
        }
    }

    record ImportView(int modelsCreated, int versionsImported, int versionsRestored, int versionsUnchanged,
            int aliasesSet, List<String> notes) {
        static ImportView of(ImportReport r) {
            return new ImportView(r.modelsCreated(), r.versionsImported(), r.versionsRestored(),
                    r.versionsUnchanged(), r.aliasesSet(), r.notes());
        }
    }

    record ErrorView(String code, int exitCode, String message) {
    }

    static String text(Instant at) {
        return at.toString();
    }
}
