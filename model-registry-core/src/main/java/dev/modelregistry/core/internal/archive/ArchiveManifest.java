package dev.modelregistry.core.internal.archive;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.version.ModelMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.modelregistry.core.internal.metadata.SqlVersionManager;

/**
 * The {@code manifest.json} of an archive: every model and version it holds, with the digest and
 * size of each artifact. Blobs sit beside it as {@code blobs/sha256/<hex>}. Readers ignore unknown
 * fields; a higher {@code formatVersion} than {@value #FORMAT_VERSION} is refused.
 *
 * <p>Format 2 adds history: per model (when the whole model was exported) its alias moves and the
 * numbers of its deleted versions, which history may name but whose bytes do not travel; the audit rows
 * of the exported models, oldest first; and (from a whole-registry export) every environment's
 * deployments and deployment events. In a format 1 manifest those fields are ignored. Fields absent
 * from a manifest read as null here and are normalised: {@link Model#hasHistory()} tells whether a
 * model's history travelled.
 *
 * @param audit the audit rows of the models with history, oldest first
 * @param environments the environments whose deployments travelled
 */
public record ArchiveManifest(int formatVersion, Instant createdAt, String createdBy, List<Model> models,
        List<AuditRow> audit, List<Environment> environments) {
    static final int FORMAT_VERSION = 2;
    public static final String MANIFEST_ENTRY = "manifest.json";
    static final String BLOB_PREFIX = "blobs/sha256/";

    public ArchiveManifest {
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw new InvalidArgumentException("archive format version " + formatVersion
                    + " is not supported (this library reads 1.." + FORMAT_VERSION + ")");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        if (formatVersion < 2) {
            models = models.stream().map(Model::withoutHistory).toList();
        }
        audit = formatVersion < 2 || audit == null ? List.of() : List.copyOf(audit);
        environments = formatVersion < 2 || environments == null ? List.of() : List.copyOf(environments);
    }

    /**
     * @param aliasHistory every move of every alias of the model, oldest first; null when its history did
     *     not travel (format 1, or an export of chosen versions)
     * @param deletedVersions the numbers of the model's deleted versions; null with aliasHistory
     */
    record Model(String name, Instant createdAt, Map<String, String> tags, Map<String, Integer> aliases,
            List<Version> versions, List<AliasMove> aliasHistory, List<Integer> deletedVersions) {
        Model {
            Objects.requireNonNull(tags, "tags");
            Objects.requireNonNull(aliases, "aliases");
            Objects.requireNonNull(versions, "versions");
            Names.requireModelName(name);
            Objects.requireNonNull(createdAt, "createdAt");
            tags.forEach((k, v) -> {
                Names.requireTagKey(k);
                Names.requireTagValue(v);
            });
            aliases.keySet().forEach(Names::requireAliasName);
            versions = List.copyOf(versions);
            for (Integer target : aliases.values()) {
                if (versions.stream().noneMatch(v -> v.number() == target)) {
                    throw new InvalidArgumentException("model '" + name + "': an alias points to version " + target
                            + ", which the archive does not hold");
                }
            }
            if ((aliasHistory == null) != (deletedVersions == null)) {
                throw new InvalidArgumentException("model '" + name + "': aliasHistory and deletedVersions come"
                        + " together");
            }
            if (aliasHistory != null) {
                aliasHistory = List.copyOf(aliasHistory);
                deletedVersions = List.copyOf(deletedVersions);
                java.util.Set<Integer> known = new java.util.HashSet<>();
                versions.forEach(v -> known.add(v.number()));
                for (Integer n : deletedVersions) {
                    if (n < 1 || n > SqlVersionManager.MAX_VERSION_NUMBER || !known.add(n)) {
                        throw new InvalidArgumentException("model '" + name + "': deleted version " + n
                                + " is out of range or listed twice");
                    }
                }
                for (AliasMove m : aliasHistory) {
                    for (Integer n : java.util.Arrays.asList(m.previous(), m.target())) {
                        if (n != null && !known.contains(n)) {
                            throw new InvalidArgumentException("model '" + name + "': the history of alias '"
                                    + m.alias() + "' names version " + n + ", which the archive neither holds nor"
                                    + " lists as deleted");
                        }
                    }
                }
            }
        }

        Model withoutHistory() {
            return new Model(name, createdAt, tags, aliases, versions, null, null);
        }

        boolean hasHistory() {
            return aliasHistory != null;
        }

        /** A model with its live versions only (format 1 and exports of chosen versions). */
        static Model of(String name, Instant createdAt, Map<String, String> tags, Map<String, Integer> aliases,
                List<Version> versions) {
            return new Model(name, createdAt, tags, aliases, versions, null, null);
        }
    }

    /** One move of an alias; {@code previous} and {@code target} are version numbers or null. */
    record AliasMove(String alias, Integer previous, Integer target, Instant at, String actor, String reason,
            boolean undone) {
        AliasMove {
            Names.requireAliasName(alias);
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One audit row. {@code model} is the name the row was written under (it may be an earlier name);
     * {@code linkedModel} is the archived model it belongs to.
     */
    record AuditRow(Instant at, String actor, String operation, String model, String linkedModel, String target,
            String before, String after) {
        AuditRow {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(model, "model");
            Names.requireModelName(linkedModel);
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /** An environment's deployments (oldest first) and events (oldest first). */
    record Environment(String name, List<DeploymentEntry> deployments, List<Event> events) {
        Environment {
            Names.requireEnvironmentName(name);
            deployments = List.copyOf(deployments);
            events = List.copyOf(events);
        }
    }

    /**
     * One deployment; {@code id} names it within the archive only, {@code previous} is the id of an
     * earlier deployment of the same environment, or null.
     */
    record DeploymentEntry(long id, String model, int version, String spec, String state, int weight, Instant since,
            Instant createdAt, Long previous) {
        DeploymentEntry {
            Names.requireModelName(model);
            Objects.requireNonNull(spec, "spec");
            dev.modelregistry.api.deployment.DeploymentState.valueOf(Objects.requireNonNull(state, "state"));
            if (weight < 0 || weight > 100) {
                throw new InvalidArgumentException("deployment weight must be 0..100, got " + weight);
            }
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /** One event of a deployment, named by its archive id. */
    record Event(long deployment, String action, String from, String to, int weight, Instant at, String actor,
            String reason) {
        Event {
            Objects.requireNonNull(action, "action");
            if (from != null) {
                dev.modelregistry.api.deployment.DeploymentState.valueOf(from);
            }
            dev.modelregistry.api.deployment.DeploymentState.valueOf(Objects.requireNonNull(to, "to"));
            if (weight < 0 || weight > 100) {
                throw new InvalidArgumentException("event weight must be 0..100, got " + weight);
            }
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Version(int number, String digest, long size, ModelMetadata metadata, Map<String, String> tags,
            Instant createdAt, String createdBy, Map<String, String> documents) {
        Version {
            if (number < 1) {
                throw new InvalidArgumentException("version numbers start at 1, got " + number);
            }
            ArtifactDigest.parse(digest);
            if (size < 0) {
                throw new InvalidArgumentException("artifact size must be >= 0, got " + size);
            }
            Objects.requireNonNull(metadata, "metadata");
            tags.forEach((k, v) -> {
                Names.requireTagKey(k);
                Names.requireTagValue(v);
            });
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(createdBy, "createdBy");
            documents = Map.copyOf(documents);
            documents.forEach((k, v) -> {
                Names.requireTagKey(k);
                SqlVersionManager.requireJson(k, v);
            });
        }

        ArtifactDigest artifactDigest() {
            return ArtifactDigest.parse(digest);
        }
    }
}
