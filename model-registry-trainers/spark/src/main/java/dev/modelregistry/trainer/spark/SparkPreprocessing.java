package dev.modelregistry.trainer.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.when;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.service.Imputation;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.core.training.ExternalModels;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Fits the registry's preprocessing with Spark aggregations (one pass for the fill values, one for the scaling),
 * and applies a fitted one as column expressions with the arithmetic of core's row transform, so the rows Spark
 * trains on are the rows the served model sees.
 *
 * <p>Stateless and thread-safe.
 */
final class SparkPreprocessing {
    private SparkPreprocessing() {
    }

    /**
     * Fits on the training rows: fill values (mean, or median by Spark's {@code percentile_approx}, exact for columns of fewer than a million distinct values) over
     * the finite values of each column, then centre and population standard deviation of the filled columns.
     *
     * @param data the rows
     * @param features the feature columns
     * @param spec what to fit
     * @return the fitted preprocessing, keeping every feature
     * @throws InvalidArgumentException if the spec asks for feature selection
     */
    static ExternalModels.Preprocessing fit(Dataset<Row> data, List<String> features, PreprocessingSpec spec) {
        if (spec.minVariance().isPresent() || spec.maxCorrelation().isPresent()
                || spec.topKByImportance().isPresent()) {
            throw new InvalidArgumentException("Spark training keeps every feature: minVariance, maxCorrelation and"
                    + " topKByImportance are not supported; select the feature columns instead");
        }
        List<Double> fill = new ArrayList<>();
        if (spec.imputation() != Imputation.NONE) {
            List<Column> aggs = new ArrayList<>();
            for (String f : features) {
                Column finite = when(finite(asDouble(f)), asDouble(f));
                aggs.add(spec.imputation() == Imputation.MEAN ? avg(finite)
                        : percentile_approx(finite, lit(0.5), lit(1_000_000)));
            }
            Row r = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
            for (int i = 0; i < features.size(); i++) {
                // as core: a feature with no value at all in training is filled with 0
                fill.add(r.isNullAt(i) ? 0.0 : ((Number) r.get(i)).doubleValue());
            }
        }
        List<Double> center = new ArrayList<>();
        List<Double> scale = new ArrayList<>();
        if (spec.standardize()) {
            List<Column> aggs = new ArrayList<>();
            for (int i = 0; i < features.size(); i++) {
                Column filled = filled(features.get(i), fill.isEmpty() ? null : fill.get(i));
                Column finite = when(finite(filled), filled);
                aggs.add(avg(finite));
                aggs.add(stddev_pop(finite));
            }
            Row r = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
            for (int i = 0; i < features.size(); i++) {
                double mean = r.isNullAt(2 * i) ? Double.NaN : r.getDouble(2 * i);
                double sd = r.isNullAt(2 * i + 1) ? Double.NaN : r.getDouble(2 * i + 1);
                center.add(Double.isNaN(mean) ? 0 : mean);
                scale.add(!(sd > 0) ? 1 : sd);
            }
        }
        return new ExternalModels.Preprocessing(features, spec.imputation(), fill, center, scale);
    }

    /**
     * The rows with each feature column replaced by its preprocessed double value.
     *
     * @param data the rows
     * @param p the fitted preprocessing
     * @return the rows, same columns
     */
    static Dataset<Row> apply(Dataset<Row> data, ExternalModels.Preprocessing p) {
        Dataset<Row> out = data;
        List<String> names = p.inputNames();
        for (int i = 0; i < names.size(); i++) {
            Column v = filled(names.get(i), p.fill().isEmpty() ? null : p.fill().get(i));
            if (!p.center().isEmpty()) {
                // NaN stays NaN through the arithmetic, as core's transform leaves it
                v = v.minus(lit(p.center().get(i))).divide(lit(p.scale().get(i)));
            }
            out = out.withColumn(names.get(i), v);
        }
        return out;
    }

    private static Column asDouble(String name) {
        return col(name).cast(DataTypes.DoubleType);
    }

    /** Null, NaN and ±Infinity are missing: the fill value, or NaN without imputation. */
    private static Column filled(String name, Double fill) {
        Column v = asDouble(name);
        return when(finite(v), v).otherwise(lit(fill == null ? Double.NaN : fill));
    }

    private static Column finite(Column v) {
        return v.isNotNull().and(isnan(v).unary_$bang())
                .and(v.notEqual(lit(Double.POSITIVE_INFINITY)))
                .and(v.notEqual(lit(Double.NEGATIVE_INFINITY)));
    }
}
