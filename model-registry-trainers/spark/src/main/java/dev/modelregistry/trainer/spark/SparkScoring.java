package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.training.ExternalModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Distributed batch scoring of a registered version: the version's bundle is broadcast once, each partition reads
 * it into the same model single-JVM serving loads (preprocessing in front of the plain xgboost booster) and
 * predicts its rows in batches, so each prediction equals {@code registry.models()}' one for the same row bit for
 * bit.
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkScoring {
    /** Rows predicted per native call on an executor. */
    private static final int BATCH = 4096;

    private SparkScoring() {
    }

    /**
     * Scores rows with a registered version.
     *
     * @param registry where the version is stored (read on the driver only)
     * @param ref the version, trained by the registry's training service or by {@link SparkXGBoostTrainer}
     * @param rows rows that have the version's feature columns (numeric; null and NaN are missing)
     * @param outputColumn the name of the prediction column to add
     * @return the rows with a double column {@code outputColumn}
     * @throws StorageException if the bundle cannot be read
     */
    public static Dataset<Row> score(ModelRegistry registry, ModelRef ref, Dataset<Row> rows,
            String outputColumn) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(ref, "ref");
        byte[] bundle;
        try (InputStream in = registry.models().openArtifact(ref)) {
            bundle = in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read " + ref + ": " + e.getMessage(), e);
        }
        return score(bundle, rows, outputColumn);
    }

    /**
     * Scores rows with a bundle's bytes.
     *
     * @param bundle the bytes of a {@value ExternalModels#FORMAT_ID}
     * @param rows rows that have the bundle's feature columns
     * @param outputColumn the name of the prediction column to add
     * @return the rows with a double column {@code outputColumn}
     */
    static Dataset<Row> score(byte[] bundle, Dataset<Row> rows, String outputColumn) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(outputColumn, "outputColumn");
        List<String> features;
        try (TrainedModel model = open(bundle)) {
            features = model.featureNames();
        }
        int[] columns = features.stream().mapToInt(rows.schema()::fieldIndex).toArray();
        StructType schema = rows.schema().add(outputColumn, DataTypes.DoubleType, false);
        Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext())
                .broadcast(bundle);
        MapPartitionsFunction<Row, Row> score = it -> predict(shared.value(), columns, it);
        return rows.mapPartitions(score, Encoders.row(schema));
    }

    /**
     * Predicts a partition lazily, {@value #BATCH} rows at a time, so a partition never sits in memory whole; the
     * model is closed when the task completes, also if the consumer stops early.
     */
    private static Iterator<Row> predict(byte[] bundle, int[] columns, Iterator<Row> rows) {
        TrainedModel model = open(bundle);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> model.close());
        }
        return new Iterator<>() {
            private Iterator<Row> batch = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && rows.hasNext()) {
                    batch = nextBatch(model, columns, rows);
                }
                if (!batch.hasNext()) {
                    model.close();
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private static Iterator<Row> nextBatch(TrainedModel model, int[] columns, Iterator<Row> rows) {
        List<Row> in = new ArrayList<>(BATCH);
        while (in.size() < BATCH && rows.hasNext()) {
            in.add(rows.next());
        }
        double[][] x = new double[in.size()][columns.length];
        for (int r = 0; r < x.length; r++) {
            Row row = in.get(r);
            for (int c = 0; c < columns.length; c++) {
                x[r][c] = row.isNullAt(columns[c]) ? Double.NaN : ((Number) row.get(columns[c])).doubleValue();
            }
        }
        double[] p = model.predictBatch(x);
        List<Row> out = new ArrayList<>(in.size());
        for (int r = 0; r < x.length; r++) {
            Row row = in.get(r);
            Object[] values = new Object[row.length() + 1];
            for (int c = 0; c < row.length(); c++) {
                values[c] = row.get(c);
            }
            values[row.length()] = p[r];
            out.add(RowFactory.create(values));
        }
        return out.iterator();
    }

    private static TrainedModel open(byte[] bundle) {
        try {
            return ExternalModels.read(new ByteArrayInputStream(bundle), ModelMetadata.builder(
                    ExternalModels.FORMAT_ID).build(), SparkScoring.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model bundle: " + e.getMessage(), e);
        }
    }
}
