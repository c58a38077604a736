package dev.modelregistry.api.storage;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;

/**
 * What storage promises about an artifact: its digest and its exact size. Every read is checked
 * against both.
 *
 * <p>Immutable and thread-safe.
 *
 * @param digest the SHA-256 of the bytes
 * @param size the number of bytes, at least 0
 */
public record ArtifactInfo(ArtifactDigest digest, long size) {
    /**
     * Validates the fields.
     *
     * @param digest the SHA-256 of the bytes
     * @param size the number of bytes
     */
    public ArtifactInfo {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new InvalidArgumentException("artifact size must be >= 0, got " + size);
        }
    }
}
