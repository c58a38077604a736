package dev.modelregistry.api.version;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The inputs a model expects, in order, and the column it predicts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param features the input columns, in the order the model reads them; names are unique
 * @param target the predicted column, if known
 * @param timeColumn the column that orders rows in time, if the data had one
 */
public record FeatureSchema(List<Feature> features, Optional<String> target, Optional<String> timeColumn) {
    /**
     * Validates the schema.
     *
     * @param features the input columns
     * @param target the predicted column
     * @param timeColumn the time column
     */
    public FeatureSchema {
        features = List.copyOf(features);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeColumn, "timeColumn");
        Set<String> seen = new HashSet<>();
        for (Feature f : features) {
            if (!seen.add(f.name())) {
                throw new InvalidArgumentException("feature '" + f.name() + "' appears twice in the schema");
            }
        }
    }

    /**
     * A schema with no features, for artifacts registered without one.
     *
     * @return the empty schema
     */
    public static FeatureSchema empty() {
        return new FeatureSchema(List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * Numeric features with the given names and a target.
     *
     * @param target the predicted column
     * @param names the input columns, in order
     * @return the schema
     */
    public static FeatureSchema numeric(String target, String... names) {
        return new FeatureSchema(java.util.Arrays.stream(names).map(Feature::numeric).toList(),
                Optional.of(target), Optional.empty());
    }

    /**
     * Finds a feature by name.
     *
     * @param name the column name
     * @return the feature, or empty
     */
    public Optional<Feature> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
