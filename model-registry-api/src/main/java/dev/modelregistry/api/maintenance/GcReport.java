package dev.modelregistry.api.maintenance;

/**
 * The outcome of {@code ModelRegistry.gc()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tempFilesRemoved leftover temp files removed
 * @param blobsRemoved unreferenced blobs removed
 * @param bytesFreed bytes those files held
 */
public record GcReport(int tempFilesRemoved, int blobsRemoved, long bytesFreed) {
}
