package dev.modelregistry.api.version;

import java.util.Objects;
import java.util.Optional;

/**
 * A difference in the feature schemas of two versions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param feature the feature's name
 * @param kind what changed
 * @param before the feature's type and position in the first version, as {@code TYPE@index}, if present
 * @param after the feature's type and position in the second version, as {@code TYPE@index}, if present
 */
public record FeatureChange(String feature, Kind kind, Optional<String> before, Optional<String> after) {
    /**
     * Validates the fields.
     *
     * @param feature the feature name
     * @param kind what changed
     * @param before the first description
     * @param after the second description
     */
    public FeatureChange {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** What changed about a feature. */
    public enum Kind {
        /** Only the second version has it. */
        ADDED,
        /** Only the first version has it. */
        REMOVED,
        /** Both have it with different types. */
        TYPE_CHANGED,
        /** Both have it with the same type at different positions. */
        MOVED
    }
}
