package dev.modelregistry.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digests this module computes. */
final class Hashing {
    private Hashing() {
    }

    /** SHA-256: names and verifies artifacts. */
    static MessageDigest sha256() {
        return get("SHA-256");
    }

    /**
     * MD5: only to compare with an object's ETag, which S3 sets to the MD5 of a single-part object's bytes.
     * A cheap check that an existing blob still holds what we would write; never an artifact's identity.
     */
    static MessageDigest md5() {
        return get("MD5");
    }

    private static MessageDigest get(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has " + algorithm, e);
        }
    }
}
