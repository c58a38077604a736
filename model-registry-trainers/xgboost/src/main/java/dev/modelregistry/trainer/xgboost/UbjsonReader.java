package dev.modelregistry.trainer.xgboost;

import dev.modelregistry.api.InvalidArtifactException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded reader of Universal Binary JSON, the subset xgboost writes: objects ({@code {} … {@code }}),
 * arrays (plain, counted {@code [#n}, and typed {@code [$T#n}), strings, integers, floats, booleans and
 * null. It caps nesting depth, and checks every count and length against the bytes that remain before
 * allocating, so a corrupt count cannot make it allocate more than a small multiple of its input.
 *
 * <p>Values come back as {@link Map} (keys in order, duplicates refused), {@link List}, {@link String},
 * {@link Long}, {@link Double}, {@link Boolean}, {@link #NULL}, or {@link TypedArray} for typed arrays.
 * Anything outside that subset (no-op markers, high-precision numbers, chars, counted objects, trailing
 * bytes) is refused rather than interpreted, so no byte sequence means one thing here and another in
 * xgboost.
 */
final class UbjsonReader {
    /** The value of UBJSON null ({@code Z}). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** How deep containers may nest; xgboost models need 6. */
    static final int MAX_DEPTH = 32;
    private static final int MAX_KEY = 4096;

    /**
     * A typed array: one element type for all elements, stored as 8-byte values.
     *
     * @param marker the UBJSON element type: {@code i U I l L} (integers, in {@link #ints}) or {@code d D}
     *        (floats, in {@link #reals})
     * @param ints the integer elements, or null
     * @param reals the float elements, or null
     */
    record TypedArray(char marker, long[] ints, double[] reals) {
        /**
         * How many elements.
         *
         * @return the length
         */
        int length() {
            return ints != null ? ints.length : reals.length;
        }
    }

    private final ByteBuffer in;
    private final String what;

    private UbjsonReader(byte[] bytes, String what) {
        this.in = ByteBuffer.wrap(bytes); // big-endian, as UBJSON is
        this.what = what;
    }

    /**
     * Reads one UBJSON document.
     *
     * @param bytes the document
     * @param what names the document in messages, e.g. {@code "xgboost UBJSON model"}
     * @return the root value
     * @throws InvalidArtifactException if the bytes are not one complete document within the bounds
     */
    static Object read(byte[] bytes, String what) {
        UbjsonReader reader = new UbjsonReader(bytes, what);
        Object root = reader.value(reader.marker(), 0);
        if (reader.in.hasRemaining()) {
            throw reader.fail(reader.in.remaining() + " bytes after the end of the document");
        }
        return root;
    }

    private Object value(char marker, int depth) {
        switch (marker) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case 'S':
                return string(MAX_KEY * 1024);
            case 'T':
                return Boolean.TRUE;
            case 'F':
                return Boolean.FALSE;
            case 'Z':
                return NULL;
            case 'i': case 'U': case 'I': case 'l': case 'L':
                return integer(marker);
            case 'd':
                need(4, "float32");
                return (double) in.getFloat();
            case 'D':
                need(8, "float64");
                return in.getDouble();
            default:
                throw fail("unsupported UBJSON marker " + describe(marker) + " at offset " + (in.position() - 1));
        }
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        Map<String, Object> out = new LinkedHashMap<>();
        while (true) {
            char marker = marker();
            if (marker == '}') {
                return out;
            }
            // a key is a length (an integer with its marker) and UTF-8 bytes, without the 'S'
            String key = string(marker, MAX_KEY);
            Object value = value(marker(), depth);
            if (out.put(key, value) != null) {
                throw fail("key '" + key + "' appears twice in one object");
            }
        }
    }

    private Object array(int depth) {
        checkDepth(depth);
        int start = in.position();
        char marker = marker();
        if (marker == '$') {
            char type = marker();
            if (marker() != '#') {
                throw fail("typed array at offset " + start + " has no count");
            }
            return typed(type, count());
        }
        if (marker == '#') {
            int count = count();
            // every element takes at least one byte, so a count above what remains is corrupt
            if (count > in.remaining()) {
                throw fail("array count " + count + " exceeds the " + in.remaining() + " bytes left");
            }
            List<Object> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(value(marker(), depth));
            }
            return out;
        }
        List<Object> out = new ArrayList<>();
        while (marker != ']') {
            out.add(value(marker, depth));
            marker = marker();
        }
        return out;
    }

    private TypedArray typed(char type, int count) {
        int size = switch (type) {
            case 'i', 'U' -> 1;
            case 'I' -> 2;
            case 'l', 'd' -> 4;
            case 'L', 'D' -> 8;
            default -> throw fail("unsupported typed-array element type " + describe(type));
        };
        need((long) count * size, "typed array of " + count + " elements");
        if (type == 'd' || type == 'D') {
            double[] reals = new double[count];
            for (int i = 0; i < count; i++) {
                reals[i] = type == 'd' ? in.getFloat() : in.getDouble();
            }
            return new TypedArray(type, null, reals);
        }
        long[] ints = new long[count];
        for (int i = 0; i < count; i++) {
            ints[i] = rawInteger(type);
        }
        return new TypedArray(type, ints, null);
    }

    private String string(int max) {
        return string(marker(), max);
    }

    private String string(char lengthMarker, int max) {
        long length = integer(lengthMarker);
        if (length < 0 || length > max) {
            throw fail("string length " + length + " is out of range 0.." + max);
        }
        need(length, "string of " + length + " bytes");
        ByteBuffer slice = in.slice();
        slice.limit((int) length);
        in.position(in.position() + (int) length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw fail("a string is not valid UTF-8");
        }
    }

    private int count() {
        long count = integer(marker());
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw fail("container count " + count + " is out of range");
        }
        return (int) count;
    }

    private long integer(char marker) {
        if ("iUIlL".indexOf(marker) < 0) {
            throw fail("expected an integer marker, found " + describe(marker) + " at offset "
                    + (in.position() - 1));
        }
        return rawInteger(marker);
    }

    private long rawInteger(char marker) {
        switch (marker) {
            case 'i':
                need(1, "int8");
                return in.get();
            case 'U':
                need(1, "uint8");
                return in.get() & 0xFF;
            case 'I':
                need(2, "int16");
                return in.getShort();
            case 'l':
                need(4, "int32");
                return in.getInt();
            default:
                need(8, "int64");
                return in.getLong();
        }
    }

    private char marker() {
        need(1, "a marker");
        return (char) (in.get() & 0xFF);
    }

    private void need(long bytes, String thing) {
        if (bytes > in.remaining()) {
            throw fail("truncated: " + thing + " at offset " + in.position() + " needs " + bytes + " bytes, "
                    + in.remaining() + " left");
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("containers nest deeper than " + MAX_DEPTH);
        }
    }

    private static String describe(char marker) {
        return marker >= 0x20 && marker < 0x7f ? "'" + marker + "'" : String.format("0x%02X", (int) marker);
    }

    private InvalidArtifactException fail(String message) {
        return new InvalidArtifactException(what + ": " + message);
    }
}
