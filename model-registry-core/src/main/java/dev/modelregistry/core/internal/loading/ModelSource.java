package dev.modelregistry.core.internal.loading;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.loading.LoadedModel;

/**
 * Opens a private copy of a version for serving. Unlike the shared cache, the caller owns what it
 * gets and must {@link LoadedModel#release()} it exactly once, when no request uses it any more.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface ModelSource {
    /**
     * Loads a version, verifying its artifact's size and SHA-256.
     *
     * @param version the version
     * @return a model owned by the caller
     * @throws dev.modelregistry.api.IntegrityException if the artifact is corrupt
     * @throws dev.modelregistry.api.NotFoundException if the version does not exist
     */
    LoadedModel open(ModelRef.Numbered version);
}
