package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.evaluation.WalkForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Walk-forward validation whose folds train as Spark jobs: core's {@link WalkForward} checks the splits, builds
 * each fold's request and collects the out-of-sample predictions; this class plugs in at its fold-training seam
 * and trains each fold's rows with {@link SparkXGBoostTrainer}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkWalkForward {
    private static final String LABEL = "label";

    private SparkWalkForward() {
    }

    /**
     * Trains one model per split on Spark and collects the predictions of its test rows.
     *
     * @param trainer the Spark trainer
     * @param spark the session the fold rows are put in
     * @param request the request (its trainer id is not used: every fold trains on Spark)
     * @param splits the folds, test windows moving forward
     * @return the predictions, as {@link WalkForward#predictions} gives them
     */
    public static Predictions predictions(SparkXGBoostTrainer trainer, SparkSession spark, TrainingRequest request,
            List<Split> splits) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(spark, "spark");
        return WalkForward.predictions(fold -> {
            List<String> features = fold.data().featureNames();
            SparkTrainingRequest r = SparkTrainingRequest.of(frame(spark, fold.data()), features, LABEL)
                    .withSpec(fold.spec()).withPreprocessing(fold.preprocessing()).withProgress(fold.progress());
            if (fold.validation().isPresent()) {
                r = r.withValidation(frame(spark, fold.validation().get()));
            }
            return trainer.train(r).model();
        }, request, splits);
    }

    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset data) {
        List<StructField> fields = new ArrayList<>();
        for (String f : data.featureNames()) {
            fields.add(DataTypes.createStructField(f, DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField(LABEL, DataTypes.DoubleType, false));
        List<Row> rows = new ArrayList<>(data.rowCount());
        for (int r = 0; r < data.rowCount(); r++) {
            double[] x = data.row(r);
            Object[] values = new Object[x.length + 1];
            for (int c = 0; c < x.length; c++) {
                values[c] = x[c];
            }
            values[x.length] = data.label(r);
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, DataTypes.createStructType(fields));
    }
}
