package dev.modelregistry.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 instances; every Java platform must provide the algorithm. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256, which every Java platform must have", e);
        }
    }

    /** The SHA-256 of some bytes, as 64 lowercase hex digits. */
    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(newDigest().digest(bytes));
    }
}
