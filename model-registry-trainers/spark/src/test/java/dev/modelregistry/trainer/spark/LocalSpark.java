package dev.modelregistry.trainer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import org.apache.spark.sql.Column;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A small local Spark for tests (one per test class), and the generated data set they train on. */
final class LocalSpark {
    static final List<String> FEATURES = List.of("x0", "x1", "x2", "x3", "x4", "x5");

    private LocalSpark() {
    }

    /**
     * local[cores], no UI, few shuffle partitions, every directory under target/; heartbeats every 250 ms, so
     * the accumulator updates of running tasks (live progress) reach the driver while a training runs.
     */
    static SparkSession start(int cores) {
        Path target = Path.of("target").toAbsolutePath();
        return SparkSession.builder()
                .master("local[" + cores + "]")
                .appName("model-registry-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.local.dir", target.resolve("spark-local").toString())
                .config("spark.sql.warehouse.dir", target.resolve("spark-warehouse").toString())
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.heartbeatInterval", "250ms")
                .getOrCreate();
    }

    /**
     * {@code n} rows, deterministic for a seed: six features (x2 5% null, x5 2% NaN), an id and a label
     * {@code y = 3 x0 - 2 x1 + x0 x3 + sin(3 x4) + noise}, or {@code y > 0} as 0/1 when {@code binary}.
     */
    static Dataset<Row> rows(SparkSession spark, long n, long seed, boolean binary) {
        Dataset<Row> d = spark.range(0, n, 1, 4).toDF();
        for (int i = 0; i < FEATURES.size(); i++) {
            d = d.withColumn(FEATURES.get(i), rand(seed + i).multiply(4).minus(2));
        }
        d = d.withColumn("x2", when(rand(seed + 100).lt(0.05), lit(null).cast("double")).otherwise(col("x2")))
                .withColumn("x5", when(rand(seed + 101).lt(0.02), lit(Double.NaN)).otherwise(col("x5")));
        Column y = col("x0").multiply(3).minus(col("x1").multiply(2)).plus(col("x0").multiply(col("x3")))
                .plus(sin(col("x4").multiply(3))).plus(randn(seed + 200).multiply(0.3));
        return d.withColumn("y", binary ? when(y.gt(0), lit(1.0)).otherwise(lit(0.0)) : y);
    }
}
