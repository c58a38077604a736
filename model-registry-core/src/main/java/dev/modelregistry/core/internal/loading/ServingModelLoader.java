package dev.modelregistry.core.internal.loading;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.core.internal.loading.ModelSource;

/**
 * Decodes a private, uncached copy of a version for an endpoint. The copy belongs to the endpoint,
 * which releases it once no request uses it any more; the shared cache never sees it, so a cache
 * eviction can never release a model that is still serving. The artifact's size and SHA-256 are
 * checked while it is decoded, as on a cold cache load. Thread-safe.
 */
public final class ServingModelLoader implements ModelSource {
    private final VersionManager versions;
    private final ModelStorage storage;
    private final Codecs codecs;

    public ServingModelLoader(VersionManager versions, ModelStorage storage, Codecs codecs) {
        this.versions = versions;
        this.storage = storage;
        this.codecs = codecs;
    }

    @Override
    public LoadedModel open(ModelRef.Numbered ref) {
        return VerifiedDecoder.decode(storage, codecs, versions.get(ref));
    }
}
