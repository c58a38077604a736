package dev.modelregistry.api.storage;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A content-addressed store of artifact bytes: the seam between the registry and where bytes live
 * (a local directory by default; an object store later). Blobs are named by their SHA-256, so a
 * write is idempotent and identical artifacts are stored once.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #write} and {@link #stage} stream: memory use does not grow with the artifact's
 *       size. When {@code write} or {@link StagedArtifact#publish()} returns, the bytes are durable
 *       (forced to disk, atomically published); when they throw, no new blob is visible under any
 *       digest. A staged but unpublished artifact is visible under no digest and is not listed.</li>
 *   <li>{@link #read} never returns wrong bytes silently: the stream it returns checks size and
 *       SHA-256 as it is read and throws {@link dev.modelregistry.api.IntegrityException} at the
 *       latest when the last byte has been read.</li>
 *   <li>Implementations are thread-safe and tolerate other processes using the same store.</li>
 * </ul>
 * The testkit's {@code ModelStorageContract} checks all of this for any implementation.
 */
public interface ModelStorage {

    /**
     * Stores the bytes of {@code content} (read to its end, not closed) under their SHA-256: a
     * {@link #stage} followed at once by {@link StagedArtifact#publish()}.
     *
     * @param content the bytes to store
     * @return the digest, size and whether a new blob was created
     * @throws dev.modelregistry.api.StorageException if the bytes could not be stored durably
     */
    default WriteResult write(InputStream content) {
        try (StagedArtifact staged = stage(content)) {
            return staged.publish();
        }
    }

    /**
     * Receives the bytes of {@code content} (read to its end, not closed), hashes them and makes them
     * durable without publishing them: nothing is visible under their digest until
     * {@link StagedArtifact#publish()}. The caller closes the stage, which discards it if it was not
     * published.
     *
     * @param content the bytes to stage
     * @return the staged bytes with their digest and size
     * @throws dev.modelregistry.api.StorageException if the bytes could not be received durably
     */
    StagedArtifact stage(InputStream content);

    /**
     * Opens an artifact for reading. The stream verifies size and digest against {@code expected};
     * a mismatch throws {@link dev.modelregistry.api.IntegrityException} from {@code read}, no later
     * than at the end of the stream. The caller closes the stream.
     *
     * @param expected the digest and size the bytes must have
     * @return a verifying stream
     * @throws dev.modelregistry.api.ArtifactNotFoundException if no blob has that digest
     */
    InputStream read(ArtifactInfo expected);

    /**
     * Reads a whole artifact and checks it, without handing out the bytes.
     *
     * @param expected the digest and size the bytes must have
     * @throws dev.modelregistry.api.IntegrityException if the bytes do not match
     * @throws dev.modelregistry.api.ArtifactNotFoundException if no blob has that digest
     */
    void verify(ArtifactInfo expected);

    /**
     * Looks up a blob without reading it.
     *
     * @param digest the digest
     * @return the stored size and time, or empty if no blob has that digest
     */
    Optional<StoredArtifact> stat(ArtifactDigest digest);

    /**
     * Deletes a blob. Idempotent.
     *
     * @param digest the digest
     * @return true if a blob was deleted, false if there was none
     */
    boolean delete(ArtifactDigest digest);

    /**
     * Lists every blob. The stream may hold open resources: close it (try-with-resources).
     *
     * @return the blobs, in no particular order
     */
    Stream<StoredArtifact> list();

    /**
     * Removes what writers left behind without publishing (a process that died mid-upload, say), when it is
     * older than {@code olderThan}. The registry's gc calls this with its grace period, which must exceed
     * the longest time a stage waits for its publish. This default removes nothing: for stores that keep
     * no such leftovers, or whose leftovers the registry cleans itself (the local store's temp files).
     *
     * @param olderThan the least age of a leftover to remove, not negative
     * @return how many leftovers were removed
     * @throws NullPointerException if {@code olderThan} is null
     */
    default int removeAbandoned(Duration olderThan) {
        java.util.Objects.requireNonNull(olderThan, "olderThan");
        return 0;
    }
}
