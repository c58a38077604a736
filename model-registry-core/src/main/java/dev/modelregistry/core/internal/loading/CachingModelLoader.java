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
import dev.modelregistry.core.internal.metadata.ChangeWatch;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.modelregistry.api.maintenance.CacheStats;

/**
 * Loads models through a Caffeine cache bounded by bytes, keyed by version and digest, and opens them for
 * endpoints from the same cache. Each decoded model is a reference-counted {@link SharedModel}: the cache,
 * every endpoint serving the version and every caller still holding what {@link #load} returned share one
 * copy, and the model is released only when the last of them lets go. An eviction therefore never frees a
 * model in use; it only drops the cache's reference. A model evicted while still held is found again by the
 * next load of its version instead of being decoded twice. A reference is
 * resolved to its version once and the resolution kept while the database's {@link ChangeWatch}
 * reports no commit (by this registry or by any other process on the same directory): any commit
 * drops every resolution, so a moved alias or a deleted version is never served from the cache. On
 * SQLite the check reads the shared WAL index header, a few nanoseconds, and takes no lock. A cold load decodes from a verifying stream and then reads whatever
 * the codec left, so the size and SHA-256 are checked before the model is returned or cached.
 * Thread-safe.
 */
public final class CachingModelLoader implements ModelLoader, ModelSource {
    private static final Logger LOG = LoggerFactory.getLogger(CachingModelLoader.class);

    private final VersionManager versions;
    private final ModelStorage storage;
    private final Codecs codecs;
    /**
     * Built by the first load, not by the constructor: building it loads and links Caffeine's classes
     * (60 of them, tens of milliseconds of a fresh JVM's start), which {@code open()} need not wait for.
     */
    private volatile Cache<Key, SharedModel> cache;
    private final long maxWeightBytes;
    /**
     * Every model decoded and not yet released, cached or not: an evicted model an endpoint or a caller still
     * holds is taken back into the cache from here rather than decoded a second time.
     */
    private final ConcurrentHashMap<Key, SharedModel> alive = new ConcurrentHashMap<>();

    private final ChangeWatch changes;
    /** The resolutions read under the newest stamp seen; replaced whole when the stamp changes. */
    private volatile Resolutions resolutions = new Resolutions(new Object());

    record Key(String model, int version, String digest) {
        static Key of(ModelVersion version) {
            return new Key(version.model(), version.version(), version.artifact().digest().hex());
        }
    }

    /** A reference's version and cache key, as read under {@link Resolutions#stamp}. */
    private record Resolved(ModelVersion version, Key key) {
    }

    /** Resolutions read after {@code stamp} was taken; valid while the watch still returns it. */
    private static final class Resolutions {
        /** Enough for every alias of every served model; beyond it, references are resolved every time. */
        static final int MAX_ENTRIES = 4096;
        final Object stamp;
        final ConcurrentHashMap<ModelRef, Resolved> byRef = new ConcurrentHashMap<>();

        Resolutions(Object stamp) {
            this.stamp = stamp;
        }
    }

    public CachingModelLoader(VersionManager versions, ChangeWatch changes, ModelStorage storage, Codecs codecs,
            long maxWeightBytes) {
        this.versions = versions;
        this.changes = changes;
        this.storage = storage;
        this.codecs = codecs;
        this.maxWeightBytes = maxWeightBytes;
    }

    private Cache<Key, SharedModel> cache() {
        Cache<Key, SharedModel> c = cache;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (cache == null) {
                cache = newCache(maxWeightBytes);
            }
            return cache;
        }
    }

    private static Cache<Key, SharedModel> newCache(long maxWeightBytes) {
        return Caffeine.newBuilder()
                .maximumWeight(maxWeightBytes)
                .weigher((Key k, SharedModel m) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, m.model().weightBytes())))
                // The cache's reference only: endpoints and callers holding the model keep it alive.
                .removalListener((Key k, SharedModel m, RemovalCause cause) -> {
                    if (m != null) {
                        m.dropReference();
                    }
                })
                .recordStats()
                // Maintenance (eviction, release) on the calling thread: stats are exact when read,
                // and a native model nobody else holds is released before the call that evicted it returns.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public LoadedModel load(ModelRef ref) {
        Objects.requireNonNull(ref, "ref");
        Resolved resolved = resolve(ref);
        return lookUp(resolved.key(), resolved.version(), SharedModel::viewTakingReference, shared -> {
            LoadedModel view = shared.existingView();
            if (view != null) {
                return view; // the hot path: a cached model a caller still holds, no atomic operation
            }
            return shared.tryAcquire(1) ? shared.viewTakingReference() : null;
        });
    }

    /** The version a reference names now, from the resolutions kept under the current change stamp. */
    private Resolved resolve(ModelRef ref) {
        // The stamp first, then the database: a resolution is never older than the stamp it is kept under.
        Object stamp = changes.stamp();
        Resolutions current = resolutions;
        if (current.stamp != stamp) {
            current = new Resolutions(stamp);
            resolutions = current;
        }
        Resolved resolved = current.byRef.get(ref);
        if (resolved == null) {
            ModelVersion version = versions.get(ref);
            resolved = new Resolved(version, Key.of(version));
            if (current.byRef.size() < Resolutions.MAX_ENTRIES) {
                current.byRef.put(ref, resolved);
            }
        }
        return resolved;
    }

    /**
     * Opens a version for an endpoint, sharing the cached copy: the endpoint owns one reference, which its
     * {@link LoadedModel#release()} drops.
     */
    @Override
    public LoadedModel open(ModelRef.Numbered ref) {
        Objects.requireNonNull(ref, "ref");
        ModelVersion version = versions.get(ref);
        return lookUp(Key.of(version), version, SharedModel::owned, shared -> shared.tryAcquire(1) ? shared.owned() : null);
    }

    /**
     * Finds a version's model in the cache, admitting it when absent, and hands it out: {@code admitted} gets a
     * model just put into the cache with a reference already taken for the caller; {@code cached} gets one that
     * was there and answers null if it was evicted and released meanwhile, and then the lookup runs again.
     */
    private <T> T lookUp(Key key, ModelVersion version, Function<SharedModel, T> admitted,
            Function<SharedModel, T> cached) {
        while (true) {
            SharedModel[] admittedNow = new SharedModel[1];
            SharedModel shared = cache().get(key, k -> admittedNow[0] = admit(k, version));
            T out = admittedNow[0] != null ? admitted.apply(admittedNow[0]) : cached.apply(shared);
            if (out != null) {
                return out;
            }
        }
    }

    /**
     * The model to put into the cache for a key: the copy still alive outside it (evicted, but held by an
     * endpoint or a caller), or a fresh decode. Either way with two references taken, the cache's and the
     * caller's, so an eviction during the insertion (a model larger than the cache, say) cannot release it
     * before the caller has it.
     */
    private SharedModel admit(Key key, ModelVersion version) {
        SharedModel evictedButHeld = alive.get(key);
        // Only the same incarnation of the version: after a model is renamed away, a new one registered under its
        // name can have the same name, number and bytes but other metadata, which a loaded model reports. (Tags,
        // aliases and deployments change without a new incarnation and do not matter here.)
        if (evictedButHeld != null && evictedButHeld.model().version().createdAt().equals(version.createdAt())
                && evictedButHeld.tryAcquire(2)) {
            return evictedButHeld;
        }
        SharedModel fresh = new SharedModel(decode(version), 2, released -> alive.remove(key, released));
        alive.put(key, fresh);
        return fresh;
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
        resolutions = new Resolutions(new Object());
        Cache<Key, SharedModel> c = cache;
        if (c != null) {
            c.asMap().keySet().removeIf(k -> k.model().equals(model));
        }
    }

    public CacheStats stats() {
        Cache<Key, SharedModel> c = cache;
        if (c == null) {
            return new CacheStats(0, 0, 0, 0, 0, maxWeightBytes);
        }
        c.cleanUp();
        var s = c.stats();
        long weight = c.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
        return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), c.estimatedSize(), weight,
                maxWeightBytes);
    }

    public void clear() {
        resolutions = new Resolutions(new Object());
        Cache<Key, SharedModel> c = cache;
        if (c != null) {
            c.invalidateAll();
            c.cleanUp();
        }
    }
}
