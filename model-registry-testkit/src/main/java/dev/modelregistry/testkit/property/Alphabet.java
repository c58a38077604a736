package dev.modelregistry.testkit.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered set of Unicode code points that strings are drawn from. Order matters: strings
 * shrink toward the first code point. Immutable and thread-safe.
 */
public final class Alphabet {

    /** {@code a-z} then {@code A-Z}. */
    public static final Alphabet ASCII_LETTERS = of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    /** {@code 0-9}. */
    public static final Alphabet DIGITS = of("0123456789");
    /** {@code a-z}, {@code A-Z}, then {@code 0-9}. */
    public static final Alphabet ALPHANUMERIC = ASCII_LETTERS.union(DIGITS);
    /** Printable ASCII (space to tilde), letters first. */
    public static final Alphabet ASCII_PRINTABLE = ALPHANUMERIC.union(range(' ', '~'));
    /**
     * Every Unicode scalar value (no surrogate code units): printable ASCII first, then control
     * characters, then the rest of the Basic Multilingual Plane and the supplementary planes.
     */
    public static final Alphabet UNICODE = ASCII_PRINTABLE
            .union(range(0x00, 0x1F)).union(range(0x7F, 0xD7FF)).union(range(0xE000, 0x10FFFF));

    private final int[] starts; // inclusive ranges in generation order
    private final int[] ends;
    private final long[] offsets; // index of each range's first code point
    private final long size;

    private Alphabet(List<int[]> ranges) {
        starts = ranges.stream().mapToInt(r -> r[0]).toArray();
        ends = ranges.stream().mapToInt(r -> r[1]).toArray();
        offsets = new long[starts.length];
        long total = 0;
        for (int i = 0; i < starts.length; i++) {
            offsets[i] = total;
            total += ends[i] - starts[i] + 1L;
        }
        size = total;
    }

    /**
     * The distinct code points of {@code chars}, in order of first appearance.
     *
     * @param chars at least one code point, not null
     * @return the alphabet
     * @throws IllegalArgumentException if {@code chars} is empty
     */
    public static Alphabet of(String chars) {
        Objects.requireNonNull(chars, "chars");
        if (chars.isEmpty()) {
            throw new IllegalArgumentException("an alphabet needs at least one code point");
        }
        return fromCodePoints(chars.codePoints().toArray());
    }

    /**
     * The code points {@code first} to {@code last}, inclusive.
     *
     * @param first the first code point
     * @param last the last code point, at least {@code first}, at most {@code 0x10FFFF}
     * @return the alphabet
     * @throws IllegalArgumentException if the range is empty or not within Unicode
     */
    public static Alphabet range(int first, int last) {
        if (first < 0 || last > Character.MAX_CODE_POINT || first > last) {
            throw new IllegalArgumentException("need 0 <= first <= last <= 0x10FFFF but was ["
                    + first + ", " + last + "]");
        }
        return new Alphabet(List.<int[]>of(new int[] {first, last}));
    }

    /**
     * This alphabet followed by the code points of {@code other} that it does not contain yet.
     *
     * @param other the alphabet to append, not null
     * @return the union
     */
    public Alphabet union(Alphabet other) {
        Objects.requireNonNull(other, "other");
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            ranges.add(new int[] {starts[i], ends[i]});
        }
        for (int i = 0; i < other.starts.length; i++) {
            List<int[]> pieces = List.<int[]>of(new int[] {other.starts[i], other.ends[i]});
            for (int[] taken : ranges) {
                pieces = subtract(pieces, taken);
            }
            ranges.addAll(pieces);
        }
        return new Alphabet(ranges);
    }

    /** The parts of {@code pieces} outside {@code taken}. */
    private static List<int[]> subtract(List<int[]> pieces, int[] taken) {
        List<int[]> out = new ArrayList<>();
        for (int[] piece : pieces) {
            if (piece[1] < taken[0] || piece[0] > taken[1]) {
                out.add(piece);
                continue;
            }
            if (piece[0] < taken[0]) {
                out.add(new int[] {piece[0], taken[0] - 1});
            }
            if (piece[1] > taken[1]) {
                out.add(new int[] {taken[1] + 1, piece[1]});
            }
        }
        return out;
    }

    /**
     * The number of code points.
     *
     * @return the size, at least 1
     */
    public long size() {
        return size;
    }

    /**
     * Whether {@code codePoint} belongs to this alphabet.
     *
     * @param codePoint the code point
     * @return true if it is a member
     */
    public boolean contains(int codePoint) {
        for (int i = 0; i < starts.length; i++) {
            if (codePoint >= starts[i] && codePoint <= ends[i]) {
                return true;
            }
        }
        return false;
    }

    /** The code point at {@code index} in generation order. */
    int codePointAt(long index) {
        int range = Arrays.binarySearch(offsets, index);
        if (range < 0) {
            range = -range - 2;
        }
        return (int) (starts[range] + (index - offsets[range]));
    }

    private static Alphabet fromCodePoints(int[] codePoints) {
        Set<Integer> distinct = new LinkedHashSet<>();
        List<int[]> ranges = new ArrayList<>();
        for (int cp : codePoints) {
            if (!distinct.add(cp)) {
                continue;
            }
            int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last[1] + 1 == cp) {
                last[1] = cp; // merge runs so UNICODE stays a handful of ranges
            } else {
                ranges.add(new int[] {cp, cp});
            }
        }
        return new Alphabet(ranges);
    }

    /**
     * A short description, e.g. {@code Alphabet[62 code points]}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Alphabet[" + size + " code points]";
    }
}
