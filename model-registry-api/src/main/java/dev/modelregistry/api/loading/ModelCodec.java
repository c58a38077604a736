package dev.modelregistry.api.loading;

import dev.modelregistry.api.version.ModelVersion;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes one model format (XGBoost UBJSON, LightGBM text, ...) from verified bytes. Codecs are
 * found through {@link java.util.ServiceLoader} by their {@link #formatId()} — never by a class name
 * read from a file. Trainer modules provide the codec of their own format.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface ModelCodec {

    /**
     * The format this codec reads, as recorded in {@link dev.modelregistry.api.version.ModelMetadata#formatId()}.
     *
     * @return the unique format id, e.g. {@code xgboost-ubjson}
     */
    String formatId();

    /**
     * Decodes a model. The registry checks the bytes' size and digest while they are read and
     * throws away the result if they do not match.
     *
     * @param artifact the artifact's bytes; the codec need not read to the end or close it
     * @param version the version being loaded, with its metadata
     * @return the loaded model
     * @throws IOException if the bytes cannot be read or are not valid in this format
     */
    LoadedModel decode(InputStream artifact, ModelVersion version) throws IOException;
}
