package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Issues and checks request ids: 26 characters of Crockford base 32 encoding 128 bits, laid out as a ULID
 * (a 48-bit millisecond time stamp first, so ids sort by issue time, then 80 bits). The 80 bits are a
 * 40-bit instance number drawn from {@link SecureRandom} when the issuer is created and a 40-bit counter
 * that starts at a random value: unique within the issuer (the counter repeats only after 2^40 ids, by
 * which time the time stamp has moved on), and across processes and restarts unless two issuers draw
 * the same instance number (probability 2^-40 per pair) and issue in the same millisecond with the same
 * counter. Issuing is lock-free: one atomic increment and no allocation besides the string. Thread-safe.
 */
final class RequestIds {
    static final int LENGTH = 26;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long MASK40 = (1L << 40) - 1;
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
            VALUES[Character.toLowerCase(ALPHABET[i])] = (byte) i;
        }
    }

    private final long instance;
    private final AtomicLong counter;
    private final LongSupplier millis;

    RequestIds(LongSupplier millis) {
        SecureRandom random = new SecureRandom();
        this.instance = random.nextLong() & MASK40;
        this.counter = new AtomicLong(random.nextLong() & MASK40);
        this.millis = millis;
    }

    /** A new id. */
    String next() {
        long time = millis.getAsLong() & ((1L << 48) - 1);
        long count = counter.getAndIncrement() & MASK40;
        long hi = (time << 16) | (instance >>> 24);
        long lo = ((instance & ((1L << 24) - 1)) << 40) | count;
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | (hi << 59);
            hi >>>= 5;
        }
        return new String(out);
    }

    /**
     * Checks that a string is a request id as issued here and returns it in canonical (upper) case.
     *
     * @throws InvalidArgumentException if it is not
     */
    static String requireValid(String id) {
        if (id.length() != LENGTH) {
            throw invalid(id, "it has " + id.length() + " characters, not " + LENGTH);
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (c >= 128 || VALUES[c] < 0) {
                throw invalid(id, "'" + c + "' at position " + i + " is not Crockford base 32");
            }
        }
        if (VALUES[id.charAt(0)] > 7) {
            throw invalid(id, "its first character encodes more than 128 bits");
        }
        return id.toUpperCase(Locale.ROOT);
    }

    /** The time stamp of a valid id, epoch milliseconds. */
    static long millisOf(String validId) {
        long t = 0;
        for (int i = 0; i < 10; i++) {
            t = (t << 5) | VALUES[validId.charAt(i)];
        }
        return t;
    }

    private static InvalidArgumentException invalid(String id, String why) {
        String shown = id.length() > 40 ? id.substring(0, 40) + "…" : id;
        return new InvalidArgumentException("'" + shown + "' is not a request id issued by an endpoint: " + why);
    }
}
