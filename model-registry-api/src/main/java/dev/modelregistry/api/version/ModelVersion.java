package dev.modelregistry.api.version;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.storage.ArtifactInfo;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One registered version of a model: a snapshot of it at the moment it was read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param model the model's name
 * @param version the version number, from 1, never reused within the model
 * @param state live or soft-deleted
 * @param artifact the digest and size of the stored artifact
 * @param metadata what was recorded at registration
 * @param tags the version's tags, sorted by key
 * @param aliases the aliases pointing at this version, sorted
 * @param deployment where it is deployed now
 * @param createdAt when it was registered
 * @param createdBy who registered it (the registry's actor)
 * @param deletedAt when it was deleted, if it was
 */
public record ModelVersion(
        String model,
        int version,
        VersionState state,
        ArtifactInfo artifact,
        ModelMetadata metadata,
        Map<String, String> tags,
        List<String> aliases,
        DeploymentStatus deployment,
        Instant createdAt,
        String createdBy,
        Optional<Instant> deletedAt) {

    /**
     * Validates the fields.
     *
     * @param model the model name
     * @param version the version number
     * @param state the state
     * @param artifact the artifact
     * @param metadata the metadata
     * @param tags the tags
     * @param aliases the aliases
     * @param deployment the deployment status
     * @param createdAt the creation time
     * @param createdBy the creator
     * @param deletedAt the deletion time
     */
    public ModelVersion {
        Objects.requireNonNull(model, "model");
        if (version < 1) {
            throw new InvalidArgumentException("version numbers start at 1, got " + version);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(metadata, "metadata");
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        aliases = aliases.stream().sorted().toList();
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    /**
     * This version's reference, {@code name/N}.
     *
     * @return the reference
     */
    public ModelRef ref() {
        return ModelRef.version(model, version);
    }

    /**
     * Whether the version is live.
     *
     * @return true unless soft-deleted
     */
    public boolean isLive() {
        return state == VersionState.LIVE;
    }
}
