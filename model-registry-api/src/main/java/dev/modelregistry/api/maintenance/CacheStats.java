package dev.modelregistry.api.maintenance;

/**
 * A snapshot of the loaded-model cache's statistics.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits loads served from the cache
 * @param misses loads that read and verified the artifact
 * @param evictions models evicted to stay within the byte bound
 * @param entries models in the cache now
 * @param weightBytes the summed weight of the models in the cache now
 * @param maxWeightBytes the bound
 */
public record CacheStats(long hits, long misses, long evictions, long entries, long weightBytes,
        long maxWeightBytes) {
    /**
     * The share of loads served from the cache.
     *
     * @return hits / (hits + misses), or 0 before any load
     */
    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }
}
