package dev.modelregistry.api.training;

import java.util.Objects;
import java.util.Optional;

/**
 * A hyper-parameter a trainer accepts: its type, default and allowed range. Unknown or out-of-range
 * parameters are refused before training starts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the parameter's name
 * @param type the value type
 * @param defaultValue the default, as text
 * @param min the smallest allowed value, for numbers
 * @param max the largest allowed value, for numbers
 * @param description what it does
 */
public record HyperParameter(String name, Type type, String defaultValue, Optional<Double> min, Optional<Double> max,
        String description) {
    /**
     * Validates the fields.
     *
     * @param name the name
     * @param type the type
     * @param defaultValue the default
     * @param min the minimum
     * @param max the maximum
     * @param description the description
     */
    public HyperParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(description, "description");
    }

    /** The value type of a hyper-parameter. */
    public enum Type {
        /** A whole number. */
        INTEGER,
        /** A real number. */
        DOUBLE,
        /** true or false. */
        BOOLEAN,
        /** Text, such as an objective's name. */
        STRING
    }
}
