package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.ModelRegistry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs in a child JVM whose class path has the plain xgboost trainer and core but no Spark and no Scala: opens the
 * registry, loads a version, predicts rows read from a file and writes the predictions' bits.
 */
public final class PlainServing {
    private PlainServing() {
    }

    /**
     * Serves.
     *
     * @param args registry directory, model reference, rows file (int count, int width, doubles), output file
     * @throws IOException if a file fails
     */
    public static void main(String[] args) throws IOException {
        for (String sparkClass : new String[] {"org.apache.spark.SparkContext", "scala.Option",
                "ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor"}) {
            try {
                Class.forName(sparkClass);
                System.err.println("on the class path, but must not be: " + sparkClass);
                System.exit(3);
            } catch (ClassNotFoundException expected) {
                // as it should be: serving needs no Spark
            }
        }
        double[][] rows;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[2]))))) {
            rows = new double[in.readInt()][in.readInt()];
            for (double[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = in.readDouble();
                }
            }
        }
        try (ModelRegistry registry = ModelRegistry.open(Path.of(args[0]));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(Path.of(args[3]))))) {
            LoadedModel loaded = registry.models().load(ModelRef.parse(args[1]));
            TrainedModel model = loaded.unwrap(TrainedModel.class);
            out.writeUTF(model.trainerId());
            for (double p : model.predictBatch(rows)) {
                out.writeLong(Double.doubleToRawLongBits(p));
            }
            // This module is on the class path (its trainer is found) but Spark is not: training with it refuses.
            try {
                registry.training().train(TrainingRequest.of(SparkXGBoostTrainer.ID,
                        Dataset.of(List.of("a", "b"), new double[][] {{1, 2}, {3, 4}}, new double[] {1, 2})));
                out.writeUTF("trained without Spark");
            } catch (RuntimeException e) {
                out.writeUTF(e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
