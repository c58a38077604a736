package dev.modelregistry.api.training;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks hyper-parameters against what a trainer declares, before any training starts.
 *
 * <p>Thread-safe: stateless.
 */
public final class HyperParameters {
    private HyperParameters() {
    }

    /**
     * Checks the given values and fills in defaults.
     *
     * @param declared what the trainer accepts
     * @param given the caller's values, as text
     * @return every declared parameter with its value (given or default), sorted by name
     * @throws InvalidArgumentException naming the parameter if one is unknown, of the wrong type or out of range
     */
    public static Map<String, String> resolve(List<HyperParameter> declared, Map<String, String> given) {
        Map<String, HyperParameter> byName = declared.stream()
                .collect(Collectors.toMap(HyperParameter::name, p -> p));
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                throw new InvalidArgumentException("unknown hyper-parameter '" + name + "'; known: "
                        + new java.util.TreeSet<>(byName.keySet()));
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (HyperParameter p : declared) {
            String value = given.getOrDefault(p.name(), p.defaultValue());
            check(p, value);
            out.put(p.name(), value);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Reads a resolved integer parameter.
     *
     * @param resolved the output of {@link #resolve}
     * @param name the parameter
     * @return its value
     */
    public static int intValue(Map<String, String> resolved, String name) {
        return Integer.parseInt(require(resolved, name));
    }

    /**
     * Reads a resolved real parameter.
     *
     * @param resolved the output of {@link #resolve}
     * @param name the parameter
     * @return its value
     */
    public static double doubleValue(Map<String, String> resolved, String name) {
        return Double.parseDouble(require(resolved, name));
    }

    private static String require(Map<String, String> resolved, String name) {
        String v = resolved.get(name);
        if (v == null) {
            throw new InvalidArgumentException("hyper-parameter '" + name + "' was not resolved");
        }
        return v;
    }

    private static void check(HyperParameter p, String value) {
        switch (p.type()) {
            case INTEGER -> {
                long v;
                try {
                    v = Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("hyper-parameter '" + p.name() + "' must be an integer, got '"
                            + value + "'");
                }
                checkRange(p, v);
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
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new InvalidArgumentException("hyper-parameter '" + p.name()
                            + "' must be true or false, got '" + value + "'");
                }
            }
            case STRING -> {
                if (!p.choices().isEmpty() && !p.choices().contains(value)) {
                    throw new InvalidArgumentException("hyper-parameter '" + p.name() + "' must be one of "
                            + p.choices() + ", got '" + value + "'");
                }
            }
            default -> throw new IllegalStateException("unknown type " + p.type());
        }
    }

    private static void checkRange(HyperParameter p, double v) {
        if (p.min().isPresent() && v < p.min().get() || p.max().isPresent() && v > p.max().get()) {
            throw new InvalidArgumentException("hyper-parameter '" + p.name() + "' = " + v + " is out of range ["
                    + p.min().map(String::valueOf).orElse("-inf") + ", "
                    + p.max().map(String::valueOf).orElse("+inf") + "]");
        }
    }
}
