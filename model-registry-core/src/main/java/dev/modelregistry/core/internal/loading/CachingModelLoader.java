package dev.modelregistry.core.internal.loading;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.loading.ModelLoader;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionManager;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.modelregistry.api.maintenance.CacheStats;

/**
 * Loads models through a Caffeine cache bounded by bytes. A reference is always resolved against
 * the database first (so a deleted or moved alias is never served from the cache); the cache is
 * keyed by version and digest. A cold load decodes from a verifying stream and then reads whatever
 * the codec left, so the size and SHA-256 are checked before the model is returned or cached.
 * Thread-safe.
 */
public final class CachingModelLoader implements ModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CachingModelLoader.class);

    private final VersionManager versions;
    private final ModelStorage storage;
    private final Codecs codecs;
    private final Cache<Key, LoadedModel> cache;
    private final long maxWeightBytes;

    record Key(String model, int version, String digest) {
    }

    public CachingModelLoader(VersionManager versions, ModelStorage storage, Codecs codecs, long maxWeightBytes) {
        this.versions = versions;
        this.storage = storage;
        this.codecs = codecs;
        this.maxWeightBytes = maxWeightBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxWeightBytes)
                .weigher((Key k, LoadedModel m) -> (int) Math.min(Integer.MAX_VALUE, Math.max(1, m.weightBytes())))
                .removalListener((Key k, LoadedModel m, RemovalCause cause) -> {
                    if (m != null) {
                        m.release();
                    }
                })
                .recordStats()
                // Maintenance (eviction, release) on the calling thread: stats are exact when read,
                // and a native model is released before the call that evicted it returns.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public LoadedModel load(ModelRef ref) {
        ModelVersion version = versions.get(ref);
        Key key = new Key(version.model(), version.version(), version.artifact().digest().hex());
        return cache.get(key, k -> decode(version));
    }

    @Override
    public InputStream openArtifact(ModelRef ref) {
        return storage.read(versions.get(ref).artifact());
    }

    private LoadedModel decode(ModelVersion version) {
        LoadedModel model = VerifiedDecoder.decode(storage, codecs, version);
        LOG.debug("loaded {} ({} bytes)", version.ref(), version.artifact().size());
        return model;
    }

    public void invalidateModel(String model) {
        cache.asMap().keySet().removeIf(k -> k.model().equals(model));
    }

    public CacheStats stats() {
        cache.cleanUp();
        var s = cache.stats();
        long weight = cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
        return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize(), weight,
                maxWeightBytes);
    }

    public void clear() {
        cache.invalidateAll();
        cache.cleanUp();
    }
}
