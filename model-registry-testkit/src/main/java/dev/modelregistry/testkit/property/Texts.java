package dev.modelregistry.testkit.property;

import java.util.List;
import java.util.Objects;

/** String generators. Lengths count code points, so a string never splits a surrogate pair. */
final class Texts {

    /** Alphabets up to this size are drawn uniformly; larger ones favour their first code points. */
    private static final long UNIFORM_ALPHABET_LIMIT = 256;

    /** Pieces of hostile file names and paths; the first is the simplest. */
    private static final List<String> PATH_PIECES = List.of(
            "a", "b", "Z", "0", ".", "/", "\\", "..", "../", "..\\", "./", "//", "%", "%2e", "%2f", "%5c", "%00",
            "%%", "~", ":", "C:", " ", "-", "_", "*", "?", "<", ">", "|", "\"", "'", "\u0000", "\n", "\r", "\t",
            "\u001b", "\u007f", "\u00e9", "\u00fc", "\u00df", "\u0130", "\u212a", "\u202e", "\u200b", "\ufeff",
            "\u65e5\u672c", "\ud83d\ude00", "CON", "NUL", "aux.txt");

    private Texts() {
    }

    static Gen<String> strings(Alphabet alphabet, int minLength, int maxLength) {
        Objects.requireNonNull(alphabet, "alphabet");
        double more = Containers.continueProbability(minLength, maxLength);
        long last = alphabet.size() - 1;
        return source -> {
            StringBuilder out = new StringBuilder();
            for (int length = 0; length < maxLength; length++) {
                int span = source.openSpan();
                if (length >= minLength && !source.weighted(more)) {
                    source.closeSpan(span);
                    break;
                }
                long index = alphabet.size() <= UNIFORM_ALPHABET_LIMIT
                        ? source.choose(last) : Numbers.smallBiased(source, last);
                out.appendCodePoint(alphabet.codePointAt(index));
                source.closeSpan(span);
            }
            return out.toString();
        };
    }

    static Gen<String> pathLike(int minLength, int maxLength) {
        double more = Containers.continueProbability(minLength, maxLength);
        return source -> {
            StringBuilder out = new StringBuilder();
            int length = 0;
            while (length < maxLength) {
                int span = source.openSpan();
                if (length >= minLength && !source.weighted(more)) {
                    source.closeSpan(span);
                    break;
                }
                String piece = PATH_PIECES.get(source.choose(PATH_PIECES.size() - 1));
                out.append(piece);
                length += piece.codePointCount(0, piece.length());
                source.closeSpan(span);
            }
            if (length > maxLength) {
                out.setLength(out.offsetByCodePoints(0, maxLength));
            }
            return out.toString();
        };
    }
}
