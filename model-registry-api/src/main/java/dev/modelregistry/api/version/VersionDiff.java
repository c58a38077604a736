package dev.modelregistry.api.version;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The structured difference between two versions: {@code from} is the baseline, {@code to} the other.
 * Only differences are listed; equal entries are left out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the baseline's reference, {@code name/N}
 * @param to the other version's reference
 * @param sameArtifact whether both versions store identical bytes
 * @param fields differing top-level fields ({@code formatId}, {@code modelType}, {@code description},
 *               {@code trainerId}, {@code libraryVersion}, {@code target})
 * @param hyperParameters differing hyper-parameters
 * @param metrics every metric either version has, with before, after and delta
 * @param features feature-schema changes
 * @param tags differing version tags
 */
public record VersionDiff(
        String from,
        String to,
        boolean sameArtifact,
        Map<String, ValueChange> fields,
        Map<String, ValueChange> hyperParameters,
        Map<String, MetricDelta> metrics,
        List<FeatureChange> features,
        Map<String, ValueChange> tags) {
    /**
     * Validates and copies the fields.
     *
     * @param from the baseline
     * @param to the other
     * @param sameArtifact whether the bytes are identical
     * @param fields differing fields
     * @param hyperParameters differing hyper-parameters
     * @param metrics metrics
     * @param features feature changes
     * @param tags differing tags
     */
    public VersionDiff {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
        hyperParameters = Collections.unmodifiableMap(new TreeMap<>(hyperParameters));
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        features = List.copyOf(features);
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
