package dev.modelregistry.server.mlflow;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of MLflow's search filter grammar that registries use: comparisons joined by {@code AND}, each
 * {@code key op 'value'}, where key is {@code name}, {@code run_id}, {@code source_path} or
 * {@code tags.<key>} (back-quoted when the key has other characters) and op is {@code =}, {@code !=},
 * {@code LIKE} or {@code ILIKE} ({@code %} any run, {@code _} any one character). Anything else is
 * {@code INVALID_PARAMETER_VALUE}, never silently ignored, so a client never gets more than it asked for.
 *
 * <p>Immutable and thread-safe.
 */
final class MlflowFilter {
    /** One comparison. */
    record Clause(String key, String op, String value) {
    }

    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*(?<key>tags\\.`[^`]+`|tags\\.\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_.-]*)\\s*"
                    + "(?<op>!=|=|(?i:ILIKE|LIKE))\\s*(?<value>'[^']*'|\"[^\"]*\")\\s*");
    private static final Pattern AND = Pattern.compile("(?i)\\s*AND\\s*");
    private static final List<String> KEYS = List.of("name", "run_id", "source_path");

    private final List<Clause> clauses;

    private MlflowFilter(List<Clause> clauses) {
        this.clauses = List.copyOf(clauses);
    }

    static MlflowFilter parse(Optional<String> filter) {
        List<Clause> out = new ArrayList<>();
        String text = filter.map(String::trim).orElse("");
        int at = 0;
        while (at < text.length()) {
            Matcher m = CLAUSE.matcher(text).region(at, text.length());
            if (!m.lookingAt()) {
                throw invalid(text);
            }
            String key = m.group("key");
            if (key.startsWith("tags.`") || key.startsWith("tags.\"")) {
                key = "tags." + key.substring(6, key.length() - 1);
            } else if (!KEYS.contains(key) && !key.startsWith("tags.")) {
                throw new InvalidArgumentException("Invalid attribute key '" + key + "' in filter '" + text
                        + "'; use name, run_id, source_path or tags.<key>");
            }
            String value = m.group("value");
            out.add(new Clause(key, m.group("op").toUpperCase(Locale.ROOT), value.substring(1, value.length() - 1)));
            at = m.end();
            if (at < text.length()) {
                Matcher and = AND.matcher(text).region(at, text.length());
                if (!and.lookingAt() || and.end() == text.length()) {
                    throw invalid(text);
                }
                at = and.end();
            }
        }
        return new MlflowFilter(out);
    }

    /** The value of an exact {@code key = 'value'} comparison, for narrowing a query before filtering. */
    Optional<String> equality(String key) {
        return clauses.stream().filter(c -> c.key().equals(key) && c.op().equals("=")).map(Clause::value)
                .findFirst();
    }

    List<Clause> clauses() {
        return clauses;
    }

    /**
     * Whether a record passes.
     *
     * @param attributes name, run_id, source_path (missing ones compare as absent)
     * @param tags the record's tags
     */
    boolean test(Map<String, String> attributes, Map<String, String> tags) {
        for (Clause c : clauses) {
            String actual = c.key().startsWith("tags.") ? tags.get(c.key().substring(5)) : attributes.get(c.key());
            if (!matches(c, actual)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Clause c, String actual) {
        if (actual == null) {
            return false;
        }
        return switch (c.op()) {
            case "=" -> actual.equals(c.value());
            case "!=" -> !actual.equals(c.value());
            case "LIKE" -> like(c.value(), 0).matcher(actual).matches();
            default -> like(c.value(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(actual).matches();
        };
    }

    private static Pattern like(String pattern, int flags) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), flags | Pattern.DOTALL);
    }

    private static InvalidArgumentException invalid(String text) {
        return new InvalidArgumentException("Invalid filter '" + text
                + "': expected comparisons like name = 'x', name LIKE 'x%' or tags.k = 'v', joined by AND");
    }
}
