package dev.modelregistry.api.version;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;

/**
 * One input column of a model.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the column name, non-empty
 * @param type the kind of values
 */
public record Feature(String name, FeatureType type) {
    /**
     * Validates the fields.
     *
     * @param name the column name
     * @param type the kind of values
     */
    public Feature {
        if (name == null || name.isBlank()) {
            throw new InvalidArgumentException("feature name must not be empty");
        }
        Objects.requireNonNull(type, "type");
    }

    /**
     * A numeric feature.
     *
     * @param name the column name
     * @return the feature
     */
    public static Feature numeric(String name) {
        return new Feature(name, FeatureType.NUMERIC);
    }
}
