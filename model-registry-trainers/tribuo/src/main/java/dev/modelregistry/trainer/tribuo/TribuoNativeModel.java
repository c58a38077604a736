package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.NativeModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.common.xgboost.XGBoostFeatureImportance;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;

/**
 * A Tribuo regression model: predicts rows, writes itself as Tribuo protobuf ({@code tribuo-protobuf})
 * and reads such bytes back.
 *
 * <p>Thread-safe: Tribuo models predict concurrently and this class holds no mutable state except the
 * closed flag. {@link #close()} only marks the model closed (Tribuo models live on the Java heap; the
 * boosters of an XGBoost model are freed by xgboost4j when the model is garbage-collected, because
 * Tribuo does not expose them for disposal); predicting after it throws {@link IllegalStateException}.
 */
public final class TribuoNativeModel implements NativeModel {
    /**
     * The Tribuo model classes {@link #read} accepts, at the top level and as ensemble members. Tribuo's
     * loader loads whatever classes a file names, so {@link TribuoProtoCheck} checks every name first
     * (DESIGN §4: never a class name read from a file).
     */
    static final Set<String> READABLE_CLASSES = Set.of(
            "org.tribuo.regression.sgd.linear.LinearSGDModel",
            "org.tribuo.regression.rtree.IndependentRegressionTreeModel",
            "org.tribuo.ensemble.WeightedEnsembleModel",
            "org.tribuo.common.xgboost.XGBoostModel");

    private final Model<Regressor> model;
    private final int featureCount;
    private final String[] names;
    private final long sizeBytes;
    private volatile boolean closed;

    /**
     * Wraps a trained or read model.
     *
     * @param model the Tribuo model, predicting one regression dimension
     * @param featureCount the width of the rows it predicts
     * @param sizeBytes its serialized size, the estimate of its memory
     */
    TribuoNativeModel(Model<Regressor> model, int featureCount, long sizeBytes) {
        this.model = Objects.requireNonNull(model, "model");
        this.featureCount = featureCount;
        this.names = TribuoData.featureNames(featureCount);
        this.sizeBytes = sizeBytes;
    }

    /**
     * Reads a model {@link #write} produced.
     *
     * @param in the bytes; not closed
     * @param featureCount the width the model was trained on
     * @return the model
     * @throws IOException if the bytes are not a Tribuo protobuf model, name a model class outside
     *         {@link #READABLE_CLASSES} or any class outside Tribuo and OLCUT, do not predict a single
     *         regression output, or use features outside {@code featureCount}
     * @throws InvalidArgumentException if {@code featureCount} is outside 1..1,000,000
     */
    static TribuoNativeModel read(InputStream in, int featureCount) throws IOException {
        Objects.requireNonNull(in, "in");
        // The width comes from the stored manifest: bound it before reading or allocating anything by it.
        TribuoData.checkFeatureCount(featureCount);
        byte[] bytes = in.readAllBytes();
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (IOException e) {
            throw new IOException("not a Tribuo protobuf model (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
        String className = proto.getClassName();
        if (!READABLE_CLASSES.contains(className)) {
            throw new IOException("not a Tribuo regression model: the bytes name model class '" + className
                    + "'; readable classes are " + new java.util.TreeSet<>(READABLE_CLASSES));
        }
        TribuoProtoCheck.check(proto, READABLE_CLASSES);
        Model<?> loaded;
        try {
            loaded = Model.deserialize(proto);
        } catch (RuntimeException e) {
            // Tribuo reports corrupt or foreign nested data as IllegalStateException and friends.
            throw new IOException("cannot read Tribuo model of class " + className + ": " + e, e);
        }
        if (!loaded.validate(Regressor.class)) {
            throw new IOException("not a Tribuo regression model: " + className + " predicts "
                    + loaded.getOutputIDInfo().getDomain().stream().findFirst()
                            .map(o -> o.getClass().getName()).orElse("nothing"));
        }
        Model<Regressor> model = loaded.castModel(Regressor.class);
        if (model.getOutputIDInfo().size() != 1) {
            throw new IOException("expected one regression output, the model has "
                    + model.getOutputIDInfo().size());
        }
        checkFeatures(model.getFeatureIDMap(), featureCount);
        return new TribuoNativeModel(model, featureCount, bytes.length);
    }

    private static void checkFeatures(ImmutableFeatureMap features, int featureCount) throws IOException {
        for (VariableInfo info : features) {
            int index = TribuoData.featureIndex(info.getName());
            if (index < 0 || index >= featureCount) {
                throw new IOException("model feature '" + info.getName() + "' is not one of f0..f"
                        + (featureCount - 1) + "; was it trained on " + featureCount + " features?");
            }
        }
    }

    /**
     * The wrapped Tribuo model, for provenance and inspection. Do not use it after {@link #close()}.
     *
     * @return the model
     */
    public Model<Regressor> tribuoModel() {
        return model;
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidArgumentException if the row has the wrong width or a value that is not finite
     * @throws IllegalStateException if the model is closed
     */
    @Override
    public double predict(double[] features) {
        checkOpen();
        checkRow(features, 0);
        return value(model.predict(TribuoData.example(names, features)));
    }

    /**
     * {@inheritDoc} Uses Tribuo's batch prediction (one XGBoost matrix for the whole batch).
     *
     * @throws InvalidArgumentException if a row has the wrong width or a value that is not finite
     * @throws IllegalStateException if the model is closed
     */
    @Override
    public double[] predictBatch(double[][] rows) {
        checkOpen();
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i], i);
        }
        if (rows.length == 0) {
            return new double[0];
        }
        List<Prediction<Regressor>> predictions = model.predict(TribuoData.examples(names, rows));
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(predictions.get(i));
        }
        return out;
    }

    private static double value(Prediction<Regressor> prediction) {
        return prediction.getOutput().getValues()[0];
    }

    private void checkRow(double[] row, int index) {
        if (row == null || row.length != featureCount) {
            throw new InvalidArgumentException("row " + index + " has " + (row == null ? 0 : row.length)
                    + " values; expected " + featureCount);
        }
        TribuoData.requireFinite(row, "row " + index);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Tribuo model is closed");
        }
    }

    /** {@inheritDoc} */
    @Override
    public int featureCount() {
        return featureCount;
    }

    /**
     * Writes the model as Tribuo protobuf ({@code Model.serialize()}, a {@code ModelProto}).
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     * @throws IllegalStateException if the model is closed
     */
    @Override
    public void write(OutputStream out) throws IOException {
        checkOpen();
        model.serialize().writeTo(out);
    }

    /**
     * Always empty: Tribuo's trainers have no early stopping.
     *
     * @return empty
     */
    @Override
    public Optional<Integer> bestIteration() {
        return Optional.empty();
    }

    /**
     * Absolute weights for linear models, total gain for XGBoost models, empty for trees and forests.
     *
     * @return feature index to importance
     * @throws IllegalStateException if the model is closed
     */
    @Override
    public Map<Integer, Double> featureImportance() {
        checkOpen();
        Map<Integer, Double> out = new TreeMap<>();
        if (model instanceof AbstractLinearSGDModel<Regressor> linear) {
            DenseMatrix weights = linear.getWeightsCopy();
            ImmutableFeatureMap features = model.getFeatureIDMap();
            // Row 0 is the single output; the last column is the bias, which no feature owns.
            for (VariableInfo info : features) {
                int id = ((VariableIDInfo) info).getID();
                int index = TribuoData.featureIndex(info.getName());
                if (index >= 0) {
                    out.put(index, Math.abs(weights.get(0, id)));
                }
            }
        } else if (model instanceof XGBoostModel<Regressor> xgb) {
            List<XGBoostFeatureImportance> importances = xgb.getFeatureImportance();
            if (!importances.isEmpty()) {
                importances.get(0).getTotalGain().forEach((name, gain) -> {
                    int index = TribuoData.featureIndex(name);
                    if (index >= 0) {
                        out.put(index, gain);
                    }
                });
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The serialized size, a fair estimate of the heap the model holds.
     *
     * @return bytes
     */
    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Marks the model closed; later predictions throw. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "TribuoNativeModel[" + model.getClass().getSimpleName() + ", " + featureCount + " features"
                + (closed ? ", closed" : "") + "]";
    }
}
