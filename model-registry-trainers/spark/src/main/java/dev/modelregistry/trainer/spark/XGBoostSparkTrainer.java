package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerSupport;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.service.Imputation;
import dev.modelregistry.core.training.ExternalModels;
import dev.modelregistry.trainer.xgboost.XGBoostTrainerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The {@code xgboost-spark} trainer: the {@link Trainer} SPI over {@link SparkXGBoostTrainer}, so that
 * {@code registry.training().train(TrainingRequest.of("xgboost-spark", dataset))}, validation and walk-forward
 * evaluation train on Spark like any other trainer. The request's rows (already preprocessed by the registry) go
 * to the active Spark session as a DataFrame, xgboost boosts them on {@code spark.modelregistry.xgboost.workers}
 * workers (default: the session's default parallelism, at most one per row), and the booster comes back read by
 * the plain {@code xgboost} trainer, which {@link #servingTrainerId()} names, so the registered bundle is served
 * without Spark.
 *
 * <p>There is no local default session: a Spark session holds threads, ports and memory, and its master decides
 * where work runs, so the application starts it ({@code SparkSession.builder()...getOrCreate()}, or
 * {@code spark-submit}); without one, training is refused with a message that says so. The session is found as
 * {@code SparkSession.active()} does, but without its exception: the thread's active session, else the default
 * session (the registry trains on its own threads, which see the default one).
 *
 * <p>Thread-safe: each training runs on its own Spark job group.
 */
final class XGBoostSparkTrainer extends TrainerSupport {
    /** The Spark conf key that sets the number of xgboost workers. */
    static final String WORKERS_CONF = "spark.modelregistry.xgboost.workers";

    private static final Trainer PLAIN = new XGBoostTrainerProvider().trainer();
    private static final String LABEL = "label";

    XGBoostSparkTrainer() {
        super(SparkXGBoostTrainer.ID, PLAIN.formatId(), PLAIN.libraryVersion(),
                "dev.modelregistry:model-registry-trainer-spark", PLAIN.tasks(), PLAIN.hyperParameters());
    }

    /** As the plain trainer: xgboost learns a default direction for missing values (NaN). */
    @Override
    public boolean handlesMissingValues() {
        return PLAIN.handlesMissingValues();
    }

    /** As the plain trainer: xgboost4j-spark stops early on the validation rows. */
    @Override
    public boolean supportsEarlyStopping() {
        return PLAIN.supportsEarlyStopping();
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code xgboost}: the bundle names the plain trainer, which reads the booster without Spark
     */
    @Override
    public String servingTrainerId() {
        return PLAIN.id();
    }

    @Override
    public NativeModel train(TrainingInput input) {
        java.util.Objects.requireNonNull(input, "input");
        requireSparkOnClassPath();
        SparkSession spark = session();
        Dataset train = input.train();
        List<String> columns = IntStream.range(0, train.featureCount()).mapToObj(i -> "f" + i).toList();
        // Positional column names: a feature's own name may hold characters Spark reads as syntax ('.', '`').
        SparkTrainingRequest request = SparkTrainingRequest.of(frame(spark, train, columns), columns, LABEL)
                .withSpec(input.spec())
                .withProgress(input.context()::iteration)
                .withCancel(cancelSignal(input.context(), Thread.currentThread()));
        if (input.validation().isPresent()) {
            request = request.withValidation(frame(spark, input.validation().get(), columns));
        }
        int rows = input.validation().map(v -> Math.min(v.rowCount(), train.rowCount())).orElse(train.rowCount());
        int workers = Math.min(rows, spark.sparkContext().conf().getInt(WORKERS_CONF,
                spark.sparkContext().defaultParallelism()));
        ExternalModels.Preprocessing none = new ExternalModels.Preprocessing(columns, Imputation.NONE, List.of(),
                List.of(), List.of());
        return new SparkXGBoostTrainer(spark, workers).boost(request, none).nativeModel();
    }

    @Override
    public NativeModel read(InputStream in, int featureCount) throws IOException {
        return PLAIN.read(in, featureCount);
    }

    /**
     * Spark is a provided dependency: a JVM can have this module (and so this trainer, found by ServiceLoader) but
     * no Spark, such as a serving application. There, training refuses with a message rather than a
     * NoClassDefFoundError from the first Spark class it touches.
     */
    private static void requireSparkOnClassPath() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, XGBoostSparkTrainer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidArgumentException("trainer '" + SparkXGBoostTrainer.ID + "' needs Apache Spark 3.5 on"
                    + " the class path, and it is not there (Spark is a provided dependency: run under spark-submit,"
                    + " or add spark-sql_2.12 and spark-mllib_2.12), or train with 'xgboost' on this JVM", e);
        }
    }

    private static SparkSession session() {
        scala.Option<SparkSession> s = SparkSession.getActiveSession();
        if (s.isEmpty()) {
            s = SparkSession.getDefaultSession();
        }
        if (s.isEmpty()) {
            throw new InvalidArgumentException("trainer '" + SparkXGBoostTrainer.ID + "' trains on Spark and there"
                    + " is no active SparkSession: start one before training (SparkSession.builder().master(...)"
                    + ".getOrCreate(), or run under spark-submit), or train with 'xgboost' on this JVM");
        }
        return s.get();
    }

    /**
     * The context's signal, and the training thread's interruption: the registry cancels a job by interrupting
     * its thread, and Spark's watcher polls the signal from another thread.
     */
    private static java.util.function.BooleanSupplier cancelSignal(TrainingContext context, Thread training) {
        return () -> training.isInterrupted() || context.cancelled();
    }

    /** The rows as a DataFrame of double columns and a double label; NaN stays NaN (missing for xgboost). */
    static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset data, List<String> columns) {
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(DataTypes.createStructField(c, DataTypes.DoubleType, false));
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
