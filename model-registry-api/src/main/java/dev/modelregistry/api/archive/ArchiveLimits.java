package dev.modelregistry.api.archive;

import dev.modelregistry.api.InvalidArgumentException;

/**
 * Caps on what an archive may declare, checked before anything it declares is allocated or
 * written: a hostile archive is refused at the first byte beyond a limit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxManifestBytes the largest {@code manifest.json} read, in bytes
 * @param maxArtifactBytes the largest artifact an archive may declare, in bytes
 * @param maxEntries the most entries (files) an archive may hold; also the longest list its manifest may
 *     declare (versions of a model, alias moves, audit rows, deployments, events) and the most history
 *     rows it may declare in all
 */
public record ArchiveLimits(long maxManifestBytes, long maxArtifactBytes, int maxEntries) {
    /**
     * Validates the limits.
     *
     * @param maxManifestBytes at least 1 KiB
     * @param maxArtifactBytes at least 1
     * @param maxEntries at least 2 (a manifest and one artifact)
     */
    public ArchiveLimits {
        if (maxManifestBytes < 1024) {
            throw new InvalidArgumentException("maxManifestBytes must be at least 1024, got " + maxManifestBytes);
        }
        if (maxArtifactBytes < 1) {
            throw new InvalidArgumentException("maxArtifactBytes must be positive, got " + maxArtifactBytes);
        }
        if (maxEntries < 2) {
            throw new InvalidArgumentException("maxEntries must be at least 2, got " + maxEntries);
        }
    }

    /**
     * The defaults: a 256 MiB manifest, 64 GiB per artifact, 1,000,000 entries.
     *
     * @return the default limits
     */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(256L * 1024 * 1024, 64L * 1024 * 1024 * 1024, 1_000_000);
    }
}
