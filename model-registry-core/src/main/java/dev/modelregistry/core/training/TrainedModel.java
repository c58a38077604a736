package dev.modelregistry.core.training;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.version.ModelMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trained model: the preprocessing fitted at training time, the library's native model and the
 * metadata registration records. Predicts raw rows — by position or by feature name — applying the
 * preprocessing exactly as in training.
 *
 * <p><b>NaN policy:</b> NaN and ±Infinity in an input are missing values; the preprocessing fills
 * them (imputation) or passes NaN to a library that handles missing values.
 *
 * <p><b>Native memory</b> is freed exactly once, and only after in-flight predictions finish:
 * {@link #close()} marks the model closing; the last prediction still running frees it. A prediction
 * that starts after {@code close()} throws {@link IllegalStateException}.
 *
 * <p>Thread-safe.
 */
public final class TrainedModel implements Predictor, AutoCloseable {
    private final String trainerId;
    private final String trainerModule;
    private final String nativeFormatId;
    private final String libraryVersion;
    private final Preprocessor preprocessor;
    private final NativeModel nativeModel;
    private final ModelMetadata metadata;
    private final Map<String, Integer> columnByName = new HashMap<>();
    /**
     * In-flight predictions times two, plus 1 once closing: one atomic value, so no prediction can
     * start between the last one ending and the native model being freed.
     */
    private final AtomicInteger state = new AtomicInteger();
    private final AtomicBoolean freed = new AtomicBoolean();

    TrainedModel(String trainerId, String trainerModule, String nativeFormatId, String libraryVersion,
            Preprocessor preprocessor, NativeModel nativeModel, ModelMetadata metadata) {
        this.trainerId = trainerId;
        this.trainerModule = trainerModule;
        this.nativeFormatId = nativeFormatId;
        this.libraryVersion = libraryVersion;
        this.preprocessor = preprocessor;
        this.nativeModel = nativeModel;
        this.metadata = metadata;
        List<String> names = preprocessor.inputNames();
        for (int i = 0; i < names.size(); i++) {
            columnByName.put(names.get(i), i);
        }
    }

    /**
     * Predicts one row of raw features, in the order of {@link #featureNames()}.
     *
     * @param features the raw feature values
     * @return the prediction
     * @throws InvalidArgumentException if the row has the wrong width
     */
    @Override
    public double predict(double[] features) {
        Objects.requireNonNull(features, "features");
        enter();
        try {
            return nativeModel.predict(preprocessor.transform(features));
        } finally {
            exit();
        }
    }

    /**
     * Predicts one row given by feature name.
     *
     * @param features feature name to raw value; every feature of the model, no others
     * @return the prediction
     * @throws InvalidArgumentException naming a missing or unknown feature
     */
    public double predict(Map<String, Double> features) {
        return predict(byName(features));
    }

    /**
     * Predicts many rows of raw features at once.
     *
     * @param rows the rows, each in the order of {@link #featureNames()}
     * @return one prediction per row
     */
    public double[] predictBatch(double[][] rows) {
        enter();
        try {
            double[][] transformed = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                transformed[i] = preprocessor.transform(rows[i]);
            }
            return nativeModel.predictBatch(transformed);
        } finally {
            exit();
        }
    }

    /**
     * The raw feature names a row must have, in order.
     *
     * @return the names
     */
    public List<String> featureNames() {
        return preprocessor.inputNames();
    }

    /**
     * The metadata registration records (format, training info, schema, validation metrics).
     *
     * @return the metadata
     */
    public ModelMetadata metadata() {
        return metadata;
    }

    /**
     * The fitted preprocessing.
     *
     * @return the pipeline
     */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /**
     * The id of the trainer that made this model.
     *
     * @return the trainer id
     */
    public String trainerId() {
        return trainerId;
    }

    /**
     * The iteration early stopping kept, if any.
     *
     * @return the best iteration
     */
    public java.util.Optional<Integer> bestIteration() {
        return nativeModel.bestIteration();
    }

    /**
     * Roughly how much memory the model holds.
     *
     * @return bytes
     */
    public long sizeBytes() {
        return nativeModel.sizeBytes();
    }

    /**
     * What the model is, for printing in a shell or a log: trainer, native format, feature count and a summary of
     * the preprocessing. Never the weights, which are large and say nothing to a reader.
     *
     * @return e.g. {@code TrainedModel[trainer=lightgbm, format=lightgbm-text 4.6.0, features=5 (x0, x1, x2, x3,
     *     x4), preprocessing=5 of 5 features, imputation NONE, standardised]}
     */
    @Override
    public String toString() {
        List<String> names = preprocessor.inputNames();
        String shown = names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + ", ... " + (names.size() - 8) + " more";
        return "TrainedModel[trainer=" + trainerId + ", format=" + nativeFormatId + " " + libraryVersion
                + ", features=" + names.size() + " (" + shown + "), preprocessing=" + preprocessor.summary() + "]";
    }

    /** Writes the bundle: manifest (trainer, format, preprocessing) then the native model bytes. */
    void writeBundle(OutputStream out) throws IOException {
        ModelBundle.write(out, new ModelBundle.Manifest(ModelBundle.VERSION, trainerId, trainerModule, nativeFormatId,
                libraryVersion, preprocessor.outputNames().size(), preprocessor), nativeModel::write);
    }

    /** Frees the native model once no prediction is running. Idempotent. */
    @Override
    public void close() {
        if (state.updateAndGet(s -> s | 1) == 1) {
            free();
        }
    }

    private void enter() {
        int s;
        do {
            s = state.get();
            if ((s & 1) != 0) {
                throw new IllegalStateException("model from trainer '" + trainerId + "' was closed");
            }
        } while (!state.compareAndSet(s, s + 2));
    }

    private void exit() {
        if (state.addAndGet(-2) == 1) {
            free();
        }
    }

    private void free() {
        if (freed.compareAndSet(false, true)) {
            nativeModel.close();
        }
    }

    private double[] byName(Map<String, Double> features) {
        double[] row = new double[columnByName.size()];
        int found = 0;
        for (Map.Entry<String, Double> e : features.entrySet()) {
            Integer col = columnByName.get(e.getKey());
            if (col == null) {
                throw new InvalidArgumentException("unknown feature '" + e.getKey() + "'; the model takes "
                        + featureNames());
            }
            row[col] = e.getValue() == null ? Double.NaN : e.getValue();
            found++;
        }
        if (found != row.length) {
            List<String> missing = featureNames().stream().filter(n -> !features.containsKey(n)).toList();
            throw new InvalidArgumentException("missing features " + missing + "; the model takes " + featureNames());
        }
        return row;
    }
}
