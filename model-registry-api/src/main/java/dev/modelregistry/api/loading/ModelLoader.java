package dev.modelregistry.api.loading;

import dev.modelregistry.api.ModelRef;
import java.io.InputStream;

/**
 * Loads models by reference: resolves the reference to a version, then serves the loaded model from
 * the cache or decodes its verified artifact.
 *
 * <p>Implementations are thread-safe.
 */
public interface ModelLoader {

    /**
     * Loads a model. A cold load verifies the artifact's size and SHA-256 before the model is
     * returned or cached.
     *
     * @param ref the reference ({@code name}, {@code name/3} or {@code name@alias})
     * @return the loaded model, shared through the cache and valid while the caller can reach it
     * @throws dev.modelregistry.api.NotFoundException if the reference does not resolve
     * @throws dev.modelregistry.api.IntegrityException if the stored bytes are corrupt
     * @throws dev.modelregistry.api.UnsupportedFormatException if no codec reads the model's format
     */
    LoadedModel load(ModelRef ref);

    /**
     * Opens a version's artifact as a verifying stream (see {@link dev.modelregistry.api.storage.ModelStorage#read}).
     *
     * @param ref the reference
     * @return the stream; the caller closes it
     * @throws dev.modelregistry.api.NotFoundException if the reference does not resolve
     */
    InputStream openArtifact(ModelRef ref);
}
