package dev.modelregistry.api.training;

import dev.modelregistry.api.version.ModelMetadata;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The result of training: a predictor that can write itself in its library's own format, with the
 * metadata registration records.
 *
 * <p>Implementations are thread-safe.
 */
public interface TrainedModel extends Predictor {

    /**
     * What registration records: format id, training info, feature schema, metrics.
     *
     * @return the metadata
     */
    ModelMetadata metadata();

    /**
     * Writes the model in its format (never Java serialization).
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
}
