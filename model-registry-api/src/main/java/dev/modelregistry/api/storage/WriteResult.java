package dev.modelregistry.api.storage;

import java.util.Objects;

/**
 * The outcome of {@link ModelStorage#write(java.io.InputStream)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param info the digest and size of the bytes written
 * @param created true if this write stored a new blob; false if identical bytes were there already
 *                (content addressing de-duplicates)
 */
public record WriteResult(ArtifactInfo info, boolean created) {
    /**
     * Validates the fields.
     *
     * @param info the digest and size
     * @param created whether a new blob was stored
     */
    public WriteResult {
        Objects.requireNonNull(info, "info");
    }
}
