package dev.modelregistry.api.version;

import dev.modelregistry.api.ModelRef;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers model versions and manages their aliases, tags and life cycle.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Version numbers start at 1 per model and are never reused, even after deletion
 *       (delete 1 and 3 of 1..3: the next is 4) and even when several processes register at once.</li>
 *   <li>Deleting a version soft-deletes it: it stays in {@link #history(String)} and removes the
 *       aliases that pointed at it.</li>
 *   <li>Aliases are unique per model and movable; every move is kept, so {@link #rollback} is one call.</li>
 *   <li>Every mutating call is one transaction with its audit row: it happens whole or not at all.
 *       Invalid input throws before anything is written.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface VersionManager {

    /**
     * Registers a new version: streams the artifact into storage, then records the version.
     * The version exists exactly when this method returns.
     *
     * @param model the model's name; the model is created on its first version
     * @param artifact the artifact's bytes, read to the end (not closed)
     * @param metadata what is known about it; {@link ModelMetadata#formatId()} selects the codec that loads it
     * @return the new version
     * @throws dev.modelregistry.api.InvalidNameException if the name breaks the rules
     */
    ModelVersion register(String model, InputStream artifact, ModelMetadata metadata);

    /**
     * Registers a new version from bytes in memory.
     *
     * @param model the model's name
     * @param artifact the artifact's bytes
     * @param metadata what is known about it
     * @return the new version
     */
    default ModelVersion register(String model, byte[] artifact, ModelMetadata metadata) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(metadata, "metadata");
        return register(model, new ByteArrayInputStream(artifact), metadata);
    }

    /**
     * Resolves a reference to a live version.
     *
     * @param ref {@code name}, {@code name/N} or {@code name@alias}
     * @return the version
     * @throws dev.modelregistry.api.ModelNotFoundException if the model does not exist
     * @throws dev.modelregistry.api.VersionNotFoundException if the version does not exist or is deleted
     * @throws dev.modelregistry.api.AliasNotFoundException if the alias does not exist
     */
    ModelVersion get(ModelRef ref);

    /**
     * Resolves a reference, or tells that it does not resolve.
     *
     * @param ref the reference
     * @return the live version, or empty
     */
    Optional<ModelVersion> find(ModelRef ref);

    /**
     * The live versions of a model.
     *
     * @param model the model's name
     * @return the versions, by number ascending
     * @throws dev.modelregistry.api.ModelNotFoundException if the model does not exist
     */
    List<ModelVersion> versions(String model);

    /**
     * Every version a model ever had, deleted ones included.
     *
     * @param model the model's name
     * @return the versions, by number ascending
     * @throws dev.modelregistry.api.ModelNotFoundException if the model never existed
     */
    List<ModelVersion> history(String model);

    /**
     * Describes a model.
     *
     * @param model the model's name
     * @return the model
     * @throws dev.modelregistry.api.ModelNotFoundException if it does not exist
     */
    ModelInfo model(String model);

    /**
     * Every live model.
     *
     * @return the models, by name
     */
    List<ModelInfo> models();

    /**
     * Soft-deletes a version and removes its aliases.
     *
     * @param model the model's name
     * @param version the version number
     * @return the version as it is now (deleted)
     * @throws dev.modelregistry.api.VersionNotFoundException if there is no such live version
     */
    ModelVersion deleteVersion(String model, int version);

    /**
     * Soft-deletes every version of a model and removes its aliases and tags. Registering under the
     * same name later continues the numbering.
     *
     * @param model the model's name
     * @throws dev.modelregistry.api.ModelNotFoundException if it does not exist
     */
    void deleteModel(String model);

    /**
     * Renames a model with all its versions, aliases, tags and history.
     *
     * @param from the current name
     * @param to the new name
     * @return the renamed model
     * @throws dev.modelregistry.api.AlreadyExistsException if a model (even a deleted one) has the new name
     */
    ModelInfo renameModel(String from, String to);

    /**
     * Points an alias at a version, creating or moving it.
     *
     * @param model the model's name
     * @param alias the alias (reserved names are refused)
     * @param version the live version to point at
     * @return the version the alias now points to
     */
    ModelVersion setAlias(String model, String alias, int version);

    /**
     * Removes an alias.
     *
     * @param model the model's name
     * @param alias the alias
     * @throws dev.modelregistry.api.AliasNotFoundException if there is no such alias
     */
    void removeAlias(String model, String alias);

    /**
     * Re-points an alias to the version it pointed to before its current target. Repeated calls walk
     * further back through the alias's history.
     *
     * @param model the model's name
     * @param alias the alias
     * @return the version the alias points to now
     * @throws dev.modelregistry.api.AliasNotFoundException if the alias does not exist or has no earlier target
     * @throws dev.modelregistry.api.ConflictException if the earlier target has been deleted
     */
    ModelVersion rollback(String model, String alias);

    /**
     * Every move of an alias, oldest first.
     *
     * @param model the model's name
     * @param alias the alias
     * @return the changes; empty if the alias never existed
     */
    List<AliasChange> aliasHistory(String model, String alias);

    /**
     * Sets a tag on a version.
     *
     * @param ref the version
     * @param key the tag key
     * @param value the value
     * @return the version with the tag
     */
    ModelVersion setVersionTag(ModelRef ref, String key, String value);

    /**
     * Removes a tag from a version; nothing happens if it is not there.
     *
     * @param ref the version
     * @param key the tag key
     * @return the version without the tag
     */
    ModelVersion removeVersionTag(ModelRef ref, String key);

    /**
     * Sets a tag on a model.
     *
     * @param model the model's name
     * @param key the tag key
     * @param value the value
     * @return the model with the tag
     */
    ModelInfo setModelTag(String model, String key, String value);

    /**
     * Removes a tag from a model; nothing happens if it is not there.
     *
     * @param model the model's name
     * @param key the tag key
     * @return the model without the tag
     */
    ModelInfo removeModelTag(String model, String key);

    /**
     * Adds or replaces metrics on a version (for example after an evaluation). Searchable at once.
     *
     * @param ref the version
     * @param metrics metric name to finite value
     * @return the version with the metrics
     */
    ModelVersion putMetrics(ModelRef ref, Map<String, Double> metrics);

    /**
     * Attaches a named JSON document to a version (an evaluation report, for example), replacing a
     * document of the same name. Documents travel with the version in exports and backups.
     *
     * @param ref the version
     * @param name the document's name (tag-key rules), e.g. {@code evaluation}
     * @param json a JSON document, at most 16 MiB
     * @return the version
     * @throws dev.modelregistry.api.InvalidArgumentException if the text is not JSON or is too large
     */
    ModelVersion putDocument(ModelRef ref, String name, String json);

    /**
     * The documents attached to a version.
     *
     * @param ref the version
     * @return document name to JSON text, sorted by name
     */
    Map<String, String> documents(ModelRef ref);

    /**
     * Compares two versions (of the same model or not).
     *
     * @param from the baseline
     * @param to the other version
     * @return the differences
     */
    VersionDiff compare(ModelRef from, ModelRef to);

    /**
     * Searches versions.
     *
     * @param query the filters, order and page
     * @return one page of results
     * @throws dev.modelregistry.api.InvalidArgumentException if the page token is not one this query produced
     */
    Page<ModelVersion> search(SearchQuery query);
}
