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
 */
public record ArchiveManifest(int formatVersion, Instant createdAt, String createdBy, List<Model> models) {
    static final int FORMAT_VERSION = 1;
    public static final String MANIFEST_ENTRY = "manifest.json";
    static final String BLOB_PREFIX = "blobs/sha256/";

    public ArchiveManifest {
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw new InvalidArgumentException("archive format version " + formatVersion
                    + " is not supported (this library reads 1.." + FORMAT_VERSION + ")");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        models = List.copyOf(models);
    }

    record Model(String name, Instant createdAt, Map<String, String> tags, Map<String, Integer> aliases,
            List<Version> versions) {
        Model {
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
