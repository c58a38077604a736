package dev.modelregistry.api.training;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A trainer's hyper-parameters, checked and resolved: every parameter the trainer declares, with the
 * caller's value or the default. {@link #resolve} is the one place values are checked (unknown names,
 * types, ranges and choices) and parsed; {@link TrainingInput#of} calls it, and a trainer reads the typed
 * values from {@link TrainingInput#parameters()} without parsing or defaulting anything itself.
 *
 * <p>Immutable and thread-safe.
 */
public final class HyperParameters {
    private final Map<String, HyperParameter> declared;
    /** Name to value as text, as given or as the default, sorted by name. */
    private final Map<String, String> text;
    /** Name to parsed value: Long, Double, Boolean or String, by the parameter's type. */
    private final Map<String, Object> values;

    private HyperParameters(Map<String, HyperParameter> declared, Map<String, String> text,
            Map<String, Object> values) {
        this.declared = declared;
        this.text = text;
        this.values = values;
    }

    /**
     * Checks the given values against what a trainer declares and fills in defaults.
     *
     * @param declared what the trainer accepts, names unique
     * @param given the caller's values, as text
     * @return every declared parameter with its value (given or default)
     * @throws InvalidArgumentException naming the parameter if one is unknown, of the wrong type, out of
     *         range or not one of its choices, or if a name is declared twice
     */
    public static HyperParameters resolve(List<HyperParameter> declared, Map<String, String> given) {
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(given, "given");
        Map<String, HyperParameter> byName = new TreeMap<>();
        for (HyperParameter p : declared) {
            if (byName.put(p.name(), p) != null) {
                throw new InvalidArgumentException("hyper-parameter '" + p.name() + "' is declared twice");
            }
        }
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                throw new InvalidArgumentException("unknown hyper-parameter '" + name + "'; known: " + byName.keySet());
            }
        }
        Map<String, String> text = new TreeMap<>();
        Map<String, Object> values = new TreeMap<>();
        for (HyperParameter p : declared) {
            String value = given.getOrDefault(p.name(), p.defaultValue());
            values.put(p.name(), check(p, value));
            text.put(p.name(), value);
        }
        return new HyperParameters(Collections.unmodifiableMap(byName), Collections.unmodifiableMap(text),
                Collections.unmodifiableMap(values));
    }

    /**
     * An integer parameter.
     *
     * @param name a declared parameter of type {@link HyperParameter.Type#INTEGER}
     * @return its value
     * @throws InvalidArgumentException if the name is not declared, is of another type, or the value does
     *         not fit an int
     */
    public int intValue(String name) {
        long v = (Long) value(name, HyperParameter.Type.INTEGER);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("hyper-parameter '" + name + "' = " + v + " does not fit an int");
        }
        return (int) v;
    }

    /**
     * An integer parameter as a long.
     *
     * @param name a declared parameter of type {@link HyperParameter.Type#INTEGER}
     * @return its value
     * @throws InvalidArgumentException if the name is not declared or is of another type
     */
    public long longValue(String name) {
        return (Long) value(name, HyperParameter.Type.INTEGER);
    }

    /**
     * A real parameter; an integer parameter widens to a double.
     *
     * @param name a declared parameter of type {@link HyperParameter.Type#DOUBLE} or
     *             {@link HyperParameter.Type#INTEGER}
     * @return its value, finite
     * @throws InvalidArgumentException if the name is not declared or is of another type
     */
    public double doubleValue(String name) {
        HyperParameter p = declared(name);
        if (p.type() == HyperParameter.Type.INTEGER) {
            return (Long) values.get(name);
        }
        return (Double) value(name, HyperParameter.Type.DOUBLE);
    }

    /**
     * A true/false parameter.
     *
     * @param name a declared parameter of type {@link HyperParameter.Type#BOOLEAN}
     * @return its value
     * @throws InvalidArgumentException if the name is not declared or is of another type
     */
    public boolean booleanValue(String name) {
        return (Boolean) value(name, HyperParameter.Type.BOOLEAN);
    }

    /**
     * A text parameter.
     *
     * @param name a declared parameter of type {@link HyperParameter.Type#STRING}
     * @return its value, one of the parameter's choices if it has any
     * @throws InvalidArgumentException if the name is not declared or is of another type
     */
    public String stringValue(String name) {
        return (String) value(name, HyperParameter.Type.STRING);
    }

    /**
     * Every parameter's value as text, as given or as the default: what registration records, and what a
     * trainer hands a library that takes its parameters as text.
     *
     * @return name to value, sorted by name, unmodifiable
     */
    public Map<String, String> asMap() {
        return text;
    }

    private Object value(String name, HyperParameter.Type type) {
        HyperParameter p = declared(name);
        if (p.type() != type) {
            throw new InvalidArgumentException("hyper-parameter '" + name + "' is " + p.type() + ", not " + type);
        }
        return values.get(name);
    }

    private HyperParameter declared(String name) {
        Objects.requireNonNull(name, "name");
        HyperParameter p = declared.get(name);
        if (p == null) {
            throw new InvalidArgumentException("hyper-parameter '" + name + "' is not declared; declared: "
                    + declared.keySet());
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HyperParameters h && declared.equals(h.declared) && text.equals(h.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "HyperParameters" + text;
    }

    /** Checks one value against its declaration and returns it parsed. */
    private static Object check(HyperParameter p, String value) {
        Objects.requireNonNull(value, p.name());
        return switch (p.type()) {
            case INTEGER -> {
                long v;
                try {
                    v = Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("hyper-parameter '" + p.name() + "' must be an integer, got '"
                            + value + "'");
                }
                checkRange(p, v);
                yield v;
            }
            case DOUBLE -> {
                double v;
                try {
                    v = Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("hyper-parameter '" + p.name() + "' must be a number, got '"
                            + value + "'");
                }
                if (!Double.isFinite(v)) {
                    throw new InvalidArgumentException("hyper-parameter '" + p.name() + "' must be finite, got " + v);
                }
                checkRange(p, v);
                yield v;
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new InvalidArgumentException("hyper-parameter '" + p.name()
                            + "' must be true or false, got '" + value + "'");
                }
                yield Boolean.valueOf(value);
            }
            case STRING -> {
                if (!p.choices().isEmpty() && !p.choices().contains(value)) {
                    throw new InvalidArgumentException("hyper-parameter '" + p.name() + "' must be one of "
                            + p.choices() + ", got '" + value + "'");
                }
                yield value;
            }
        };
    }

    private static void checkRange(HyperParameter p, double v) {
        if (p.min().isPresent() && v < p.min().get() || p.max().isPresent() && v > p.max().get()) {
            throw new InvalidArgumentException("hyper-parameter '" + p.name() + "' = " + v + " is out of range ["
                    + p.min().map(String::valueOf).orElse("-inf") + ", "
                    + p.max().map(String::valueOf).orElse("+inf") + "]");
        }
    }
}
