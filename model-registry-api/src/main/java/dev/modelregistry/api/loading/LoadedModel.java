package dev.modelregistry.api.loading;

import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.version.ModelVersion;
import java.util.Optional;

/**
 * A model decoded from its verified artifact by the {@link ModelCodec} of its format. Loaded models
 * are shared through the registry's cache: callers must not close or release them. A model from
 * {@link ModelLoader#load} stays usable for as long as the caller can reach it, even after the cache evicted
 * it; what it holds (native memory, for example) is freed once neither the cache, nor an endpoint, nor any
 * caller holds it.
 *
 * <p>Implementations are thread-safe.
 */
public interface LoadedModel {

    /**
     * The version this model was loaded from.
     *
     * @return the version, with its metadata
     */
    ModelVersion version();

    /**
     * How many bytes of memory (heap or native) this model holds, roughly; the cache's weigher.
     *
     * @return the weight in bytes, at least 0
     */
    long weightBytes();

    /**
     * The model as a predictor, for formats that predict (trained models); empty for opaque artifacts.
     *
     * @return the predictor, or empty
     */
    default Optional<Predictor> predictor() {
        return Optional.empty();
    }

    /**
     * The library-specific object behind this model, for callers that need it. The object is valid while
     * this model is reachable: keep a reference to the model as long as you use the object.
     *
     * @param type the expected type
     * @param <T> the expected type
     * @return the object
     * @throws dev.modelregistry.api.InvalidArgumentException if this model is not of that type
     */
    <T> T unwrap(Class<T> type);

    /**
     * Frees what the model holds (native memory, for example). Called once by the registry when no holder
     * is left; never call it yourself on a model from the registry (on those it does nothing).
     */
    void release();
}
