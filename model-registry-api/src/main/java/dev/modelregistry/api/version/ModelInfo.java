package dev.modelregistry.api.version;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A model: a named series of versions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the model's name
 * @param createdAt when its first version was registered
 * @param tags the model's tags, sorted by key
 * @param aliases alias name to version number, sorted by alias
 * @param latestVersion the newest live version, if any
 * @param liveVersions how many live versions it has
 */
public record ModelInfo(
        String name,
        Instant createdAt,
        Map<String, String> tags,
        Map<String, Integer> aliases,
        Optional<Integer> latestVersion,
        int liveVersions) {

    /**
     * Validates and copies the fields.
     *
     * @param name the name
     * @param createdAt the creation time
     * @param tags the tags
     * @param aliases the aliases
     * @param latestVersion the newest live version
     * @param liveVersions the live version count
     */
    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
        Objects.requireNonNull(latestVersion, "latestVersion");
    }
}
