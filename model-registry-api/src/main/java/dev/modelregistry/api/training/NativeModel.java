package dev.modelregistry.api.training;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * A model as its library holds it: it predicts preprocessed rows and writes itself in the library's
 * own format (never Java serialization). May hold native memory, which {@link #close()} frees.
 *
 * <p>Predictions are thread-safe. {@link #close()} must not overlap predictions: the registry's
 * wrappers count in-flight calls and close only after the last one.
 */
public interface NativeModel extends Predictor, AutoCloseable {

    /**
     * How many features each row must have.
     *
     * @return the width
     */
    int featureCount();

    /**
     * Predicts several rows at once (faster for native libraries than one call per row).
     *
     * @param rows the rows, each {@link #featureCount()} wide
     * @return one prediction per row
     */
    default double[] predictBatch(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predict(rows[i]);
        }
        return out;
    }

    /**
     * Writes the model in its library's format; {@link Trainer#read} reads it back.
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    void write(OutputStream out) throws IOException;

    /**
     * The iteration early stopping kept, if early stopping ran.
     *
     * @return the best iteration, from 1
     */
    Optional<Integer> bestIteration();

    /**
     * Importance per feature index (library-defined, for example total gain), for the features the
     * library scored.
     *
     * @return index to importance; empty if the library has none
     */
    Map<Integer, Double> featureImportance();

    /**
     * Roughly how much memory the model holds, for the cache.
     *
     * @return bytes
     */
    long sizeBytes();

    /** Frees native memory. Idempotent. */
    @Override
    void close();
}
