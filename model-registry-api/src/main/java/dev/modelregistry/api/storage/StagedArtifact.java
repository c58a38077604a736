package dev.modelregistry.api.storage;

/**
 * Bytes that a {@link ModelStorage} has received, hashed and made durable, but not yet published
 * under their digest. A writer that must make the blob visible in the same step as the metadata
 * that references it (the registry publishes inside the database transaction that records the
 * version, so that garbage collection can never delete a blob between the two) stages first and
 * publishes later.
 *
 * <p>Closing an unpublished stage discards the bytes; closing a published one does nothing. Not
 * thread-safe: one writer owns a stage.
 */
public interface StagedArtifact extends AutoCloseable {

    /**
     * The digest and size of the staged bytes.
     *
     * @return what {@link #publish()} will store
     */
    ArtifactInfo info();

    /**
     * Reads the staged bytes before they are published, for a check that must see them first (the
     * registry loads untrusted models in a child JVM before it accepts them). The caller closes the
     * stream.
     *
     * @return the bytes, as staged
     * @throws dev.modelregistry.api.StorageException if they cannot be read
     * @throws IllegalStateException if the stage was already published or discarded
     */
    java.io.InputStream read();

    /**
     * Publishes the staged bytes under their digest, atomically: readers see the whole blob or none.
     * Publishing bytes whose digest is already stored replaces that blob with these verified bytes,
     * which heals a blob damaged on disk. Call it at most once.
     *
     * @return the digest, size and whether no blob had that digest before
     * @throws dev.modelregistry.api.StorageException if the blob could not be published durably
     * @throws IllegalStateException if the stage was already published or discarded
     */
    WriteResult publish();

    /** Discards the staged bytes unless they were published. Idempotent; never throws. */
    @Override
    void close();
}
