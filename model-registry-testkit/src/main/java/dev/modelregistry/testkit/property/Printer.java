package dev.modelregistry.testkit.property;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Prints counterexamples unambiguously: strings quoted with invisible characters escaped,
 * arrays by content, collections recursively. Other values print with {@code toString}.
 */
final class Printer {

    /** Longest printed value; counterexamples beyond it are cut so messages stay readable. */
    static final int MAX_LENGTH = 20_000;

    private Printer() {
    }

    static String print(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        if (out.length() > MAX_LENGTH) {
            int cut = Character.isLowSurrogate(out.charAt(MAX_LENGTH)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            return out.substring(0, cut) + "... (" + (out.length() - cut) + " more characters)";
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (out.length() > MAX_LENGTH) {
            return;
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            quote(out, text.toString(), '"');
        } else if (value instanceof Character c) {
            quote(out, c.toString(), '\'');
        } else if (value.getClass().isArray()) {
            out.append('[');
            for (int i = 0; i < Array.getLength(value); i++) {
                out.append(i == 0 ? "" : ", ");
                append(out, Array.get(value, i));
            }
            out.append(']');
        } else if (value instanceof Collection<?> collection) {
            appendAll(out, collection.iterator(), '[', ']');
        } else if (value instanceof Map<?, ?> map) {
            appendAll(out, map.entrySet().iterator(), '{', '}');
        } else if (value instanceof Map.Entry<?, ?> entry) {
            append(out, entry.getKey());
            out.append('=');
            append(out, entry.getValue());
        } else if (value instanceof Optional<?> optional) {
            if (optional.isPresent()) {
                out.append("Optional[");
                append(out, optional.get());
                out.append(']');
            } else {
                out.append("Optional.empty");
            }
        } else {
            out.append(value);
        }
    }

    private static void appendAll(StringBuilder out, Iterator<?> items, char open, char close) {
        out.append(open);
        boolean first = true;
        while (items.hasNext()) {
            out.append(first ? "" : ", ");
            first = false;
            append(out, items.next());
        }
        out.append(close);
    }

    private static void quote(StringBuilder out, String text, char quote) {
        out.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (isInvisible(text, i, c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append(quote);
    }

    /** Controls, format characters (e.g. right-to-left marks) and unpaired surrogates. */
    private static boolean isInvisible(String text, int i, char c) {
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || c == '\u00a0';
    }
}
