package dev.modelregistry.core;

/**
 * The outcome of {@link ModelRegistry#gc()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tempFilesRemoved leftover temp files removed
 * @param blobsRemoved unreferenced blobs removed
 * @param bytesFreed bytes those files held
 */
public record GcReport(int tempFilesRemoved, int blobsRemoved, long bytesFreed) {
}
