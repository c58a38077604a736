package dev.modelregistry.api;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The naming rules, checked before a name touches a path, a query or an archive entry.
 *
 * <ul>
 *   <li><b>Model names, tag keys and metric names</b>: 1–255 characters from {@code A-Z a-z 0-9 . _ -},
 *       starting with a letter or digit, never containing {@code ..}.</li>
 *   <li><b>Alias and environment names</b>: 1–255 characters from {@code A-Z a-z 0-9 _ -}.
 *       {@code latest} and {@code v<digits>} (in any case) are reserved for aliases, because
 *       {@code name@latest} and {@code name@v3} would read as something else.</li>
 *   <li><b>Tag values</b>: at most 5,000 characters, no control characters other than tab.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class Names {
    /** The longest name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 255;
    /** The longest tag value accepted, in characters. */
    public static final int MAX_TAG_VALUE_LENGTH = 5_000;

    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ALIAS_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern RESERVED_ALIAS = Pattern.compile("latest|v[0-9]+");

    private Names() {
    }

    /**
     * Checks a model name.
     *
     * @param name the candidate
     * @return the same name, for chaining
     * @throws InvalidNameException if it breaks the rules, with the reason
     */
    public static String requireModelName(String name) {
        return requireDotted("model name", name);
    }

    /**
     * Checks a tag key.
     *
     * @param key the candidate
     * @return the same key
     * @throws InvalidNameException if it breaks the rules
     */
    public static String requireTagKey(String key) {
        return requireDotted("tag key", key);
    }

    /**
     * Checks a metric or hyper-parameter name.
     *
     * @param name the candidate
     * @return the same name
     * @throws InvalidNameException if it breaks the rules
     */
    public static String requireMetricName(String name) {
        return requireDotted("metric name", name);
    }

    /**
     * Checks an identifier such as a format id or a model type (model-name rules).
     *
     * @param what what the identifier is, for the message
     * @param value the candidate
     * @return the same value
     * @throws InvalidNameException if it breaks the rules
     */
    public static String requireIdentifier(String what, String value) {
        return requireDotted(what, value);
    }

    /**
     * Checks an alias name, including the reserved names.
     *
     * @param alias the candidate
     * @return the same alias
     * @throws InvalidNameException if it breaks the rules or is reserved
     */
    public static String requireAliasName(String alias) {
        requireSimple("alias", alias);
        if (isReservedAlias(alias)) {
            throw new InvalidNameException("alias '" + alias
                    + "' is reserved: 'latest' and 'v<digits>' already mean the newest and a numbered version");
        }
        return alias;
    }

    /**
     * Checks an environment name (production, staging, canary, ...).
     *
     * @param environment the candidate
     * @return the same name
     * @throws InvalidNameException if it breaks the rules
     */
    public static String requireEnvironmentName(String environment) {
        return requireSimple("environment name", environment);
    }

    /**
     * Checks a tag value.
     *
     * @param value the candidate
     * @return the same value
     * @throws InvalidArgumentException if it is too long or holds control characters
     */
    public static String requireTagValue(String value) {
        // A null is a programming error, not a bad value: the error contract makes it a NullPointerException.
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_TAG_VALUE_LENGTH) {
            throw new InvalidArgumentException("tag value is " + value.length()
                    + " characters long; at most " + MAX_TAG_VALUE_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new InvalidArgumentException("tag value holds control character U+"
                        + String.format(Locale.ROOT, "%04X", (int) c) + " at index " + i);
            }
        }
        return value;
    }

    /**
     * Tells whether an alias name is reserved.
     *
     * @param alias a syntactically valid alias
     * @return true for {@code latest} and {@code v<digits>}, in any case
     */
    public static boolean isReservedAlias(String alias) {
        return RESERVED_ALIAS.matcher(alias.toLowerCase(Locale.ROOT)).matches();
    }

    private static String requireDotted(String what, String name) {
        checkLength(what, name);
        if (!MODEL_NAME.matcher(name).matches()) {
            throw new InvalidNameException(what + " '" + printable(name)
                    + "' is invalid: use 1-255 of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        if (name.contains("..")) {
            throw new InvalidNameException(what + " '" + name + "' must not contain '..'");
        }
        return name;
    }

    private static String requireSimple(String what, String name) {
        checkLength(what, name);
        if (!ALIAS_NAME.matcher(name).matches()) {
            throw new InvalidNameException(what + " '" + printable(name)
                    + "' is invalid: use 1-255 of A-Z a-z 0-9 _ -");
        }
        return name;
    }

    private static void checkLength(String what, String name) {
        if (name == null) {
            throw new NullPointerException(what + " must not be null");
        }
        if (name.isEmpty()) {
            throw new InvalidNameException(what + " must not be empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidNameException(what + " is " + name.length() + " characters long; at most "
                    + MAX_NAME_LENGTH + " are allowed");
        }
    }

    /** Control characters would garble the message (and logs); show them escaped. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(80).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return s.length() > 80 ? out + "..." : out.toString();
    }
}
