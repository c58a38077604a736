package dev.modelregistry.core.training;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.version.ModelMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's {@link TrainedModel}: the fitted {@link Preprocessor} in front of the library's native
 * model, with the metadata registration records, written and read as a {@link ModelBundle}. The api
 * interface states the NaN policy and when native memory is freed; a single atomic state word keeps that
 * promise here.
 *
 * <p>Thread-safe.
 */
final class FittedModel implements TrainedModel {
    private final String trainerId;
    private final String trainerModule;
    private final String nativeFormatId;
    private final String libraryVersion;
    private final Preprocessor preprocessor;
    /** The preprocessor unboxed once: the per-row path allocates only the transformed row. */
    private final RowTransform transform;
    private final NativeModel nativeModel;
    private final ModelMetadata metadata;
    private final Map<String, Integer> columnByName = new HashMap<>();
    /**
     * In-flight predictions times two, plus 1 once closing: one atomic value, so no prediction can
     * start between the last one ending and the native model being freed.
     */
    private final AtomicInteger state = new AtomicInteger();
    private final AtomicBoolean freed = new AtomicBoolean();

    FittedModel(String trainerId, String trainerModule, String nativeFormatId, String libraryVersion,
            Preprocessor preprocessor, NativeModel nativeModel, ModelMetadata metadata) {
        this.trainerId = trainerId;
        this.trainerModule = trainerModule;
        this.nativeFormatId = nativeFormatId;
        this.libraryVersion = libraryVersion;
        this.preprocessor = preprocessor;
        this.transform = preprocessor.compile();
        this.nativeModel = nativeModel;
        this.metadata = metadata;
        List<String> names = preprocessor.inputNames();
        for (int i = 0; i < names.size(); i++) {
            columnByName.put(names.get(i), i);
        }
    }

    @Override
    public double predict(double[] features) {
        Objects.requireNonNull(features, "features");
        enter();
        try {
            return nativeModel.predict(transform.apply(features));
        } finally {
            exit();
        }
    }

    @Override
    public double predict(Map<String, Double> features) {
        return predict(byName(features));
    }

    @Override
    public double[] predictBatch(double[][] rows) {
        enter();
        try {
            double[][] transformed = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                transformed[i] = transform.apply(rows[i]);
            }
            return nativeModel.predictBatch(transformed);
        } finally {
            exit();
        }
    }

    @Override
    public List<String> featureNames() {
        return preprocessor.inputNames();
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The fitted preprocessing. */
    Preprocessor preprocessor() {
        return preprocessor;
    }

    @Override
    public String trainerId() {
        return trainerId;
    }

    @Override
    public Optional<Integer> bestIteration() {
        return nativeModel.bestIteration();
    }

    @Override
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
