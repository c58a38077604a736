package dev.modelregistry.api.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One artifact as storage holds it, for listings: its identity and when it was stored. The time
 * lets housekeeping leave young unreferenced blobs alone, because another process may be about to
 * commit the version that references them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param info the digest and size
 * @param storedAt when the blob was written (file modification time for the file system store)
 */
public record StoredArtifact(ArtifactInfo info, Instant storedAt) {
    /**
     * Validates the fields.
     *
     * @param info the digest and size
     * @param storedAt when the blob was written
     */
    public StoredArtifact {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(storedAt, "storedAt");
    }
}
