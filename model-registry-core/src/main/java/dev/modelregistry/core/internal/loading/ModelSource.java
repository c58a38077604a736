package dev.modelregistry.core.internal.loading;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.loading.LoadedModel;

/**
 * Opens a version for serving. The caller owns one reference to what it gets, shared with the cache and other
 * holders, and must {@link LoadedModel#release()} it exactly once, when no request uses it any more.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface ModelSource {
    /**
     * Loads a version, verifying its artifact's size and SHA-256.
     *
     * @param version the version
     * @return the caller's reference to the model
     * @throws dev.modelregistry.api.IntegrityException if the artifact is corrupt
     * @throws dev.modelregistry.api.NotFoundException if the version does not exist
     */
    LoadedModel open(ModelRef.Numbered version);
}
