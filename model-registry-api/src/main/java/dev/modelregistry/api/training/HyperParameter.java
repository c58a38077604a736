package dev.modelregistry.api.training;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A hyper-parameter a trainer accepts: its type, default and allowed range or choices. Unknown or
 * out-of-range parameters are refused before training starts (see {@link HyperParameters#resolve}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the parameter's name
 * @param type the value type
 * @param defaultValue the default, as text
 * @param min the smallest allowed value, for numbers
 * @param max the largest allowed value, for numbers
 * @param choices the allowed values, for strings; empty means any
 * @param description what it does
 */
public record HyperParameter(String name, Type type, String defaultValue, Optional<Double> min, Optional<Double> max,
        List<String> choices, String description) {
    /**
     * Validates the fields.
     *
     * @param name the name
     * @param type the type
     * @param defaultValue the default
     * @param min the minimum
     * @param max the maximum
     * @param choices the allowed strings
     * @param description the description
     */
    public HyperParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        choices = List.copyOf(choices);
        Objects.requireNonNull(description, "description");
    }

    /**
     * An integer parameter with a range.
     *
     * @param name the name
     * @param defaultValue the default
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @param description what it does
     * @return the parameter
     */
    public static HyperParameter integer(String name, int defaultValue, int min, int max, String description) {
        return new HyperParameter(name, Type.INTEGER, Integer.toString(defaultValue), Optional.of((double) min),
                Optional.of((double) max), List.of(), description);
    }

    /**
     * A real parameter with a range.
     *
     * @param name the name
     * @param defaultValue the default
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @param description what it does
     * @return the parameter
     */
    public static HyperParameter real(String name, double defaultValue, double min, double max, String description) {
        return new HyperParameter(name, Type.DOUBLE, Double.toString(defaultValue), Optional.of(min), Optional.of(max),
                List.of(), description);
    }

    /**
     * A string parameter with a fixed set of choices.
     *
     * @param name the name
     * @param defaultValue the default, one of the choices
     * @param choices the allowed values
     * @param description what it does
     * @return the parameter
     */
    public static HyperParameter choice(String name, String defaultValue, List<String> choices, String description) {
        return new HyperParameter(name, Type.STRING, defaultValue, Optional.empty(), Optional.empty(), choices,
                description);
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
