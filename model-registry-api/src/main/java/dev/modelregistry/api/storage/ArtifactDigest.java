package dev.modelregistry.api.storage;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 digest that names an artifact's bytes. SHA-256, not MD5: MD5 collisions are practical.
 * {@link #toString()} gives {@code sha256:<64 lowercase hex digits>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hex the digest as 64 lowercase hexadecimal digits
 */
public record ArtifactDigest(String hex) implements Comparable<ArtifactDigest> {
    /** The algorithm's name, as {@link java.security.MessageDigest} knows it. */
    public static final String ALGORITHM = "SHA-256";

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String PREFIX = "sha256:";

    /**
     * Validates the digest.
     *
     * @param hex 64 lowercase hexadecimal digits
     */
    public ArtifactDigest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidArgumentException("a SHA-256 digest is 64 lowercase hex digits, got '" + hex + "'");
        }
    }

    /**
     * Reads {@code sha256:<hex>} or a bare hex digest.
     *
     * @param text the digest text
     * @return the digest
     * @throws InvalidArgumentException if it is not a SHA-256 digest
     */
    public static ArtifactDigest parse(String text) {
        if (text == null) {
            throw new InvalidArgumentException("digest must not be null");
        }
        return new ArtifactDigest(text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text);
    }

    /**
     * Wraps the raw 32 bytes of a SHA-256 digest.
     *
     * @param digest the 32 bytes
     * @return the digest
     */
    public static ArtifactDigest ofBytes(byte[] digest) {
        if (digest.length != 32) {
            throw new InvalidArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
        }
        return new ArtifactDigest(HexFormat.of().formatHex(digest));
    }

    /**
     * Hashes a file's bytes, read through a small buffer (a file of any size needs no more heap), as an archive
     * or artifact sent over HTTP is checked against the digest its sender announced.
     *
     * @param file the file to read
     * @return the SHA-256 of its bytes
     * @throws StorageException if the file cannot be read
     */
    public static ArtifactDigest ofFile(Path file) {
        Objects.requireNonNull(file, "file");
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + " to hash it: " + e.getMessage(), e);
        }
        return ofBytes(digest.digest());
    }

    @Override
    public int compareTo(ArtifactDigest other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }
}
