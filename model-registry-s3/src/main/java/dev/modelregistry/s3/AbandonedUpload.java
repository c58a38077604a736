package dev.modelregistry.s3;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Bytes under the store's {@code staging/} prefix that no writer has published or discarded: the remains of
 * a process that was killed (or lost its connection) between staging an artifact and publishing it. They are
 * visible under no digest, so no reader ever sees them; {@link S3Storage#removeAbandonedUploads} deletes them
 * once they are older than any stage that could still be published.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the object key, under the store's prefix
 * @param uploadId present for a multipart upload that was started and never completed or aborted (its parts
 *                 cost storage but are no object yet); empty for a complete staging object
 * @param since when the staging object was written, or the multipart upload was started (the server's clock)
 */
public record AbandonedUpload(String key, Optional<String> uploadId, Instant since) {
    /**
     * Checks the fields.
     *
     * @param key the object key
     * @param uploadId the unfinished multipart upload, if it is one
     * @param since when it was written or started
     */
    public AbandonedUpload {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(since, "since");
    }
}
