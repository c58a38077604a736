package dev.modelregistry.trainer.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.TrainingFailedException;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.version.Feature;
import dev.modelregistry.api.version.FeatureSchema;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.core.training.ExternalModels;
import dev.modelregistry.trainer.xgboost.XGBoostTrainerProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import ml.dmlc.xgboost4j.scala.spark.XGBoostModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import ml.dmlc.xgboost4j.scala.spark.XGBoostTrainingSummary;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Predictor;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.CollectionAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XGBoost on Apache Spark (xgboost4j-spark), trainer id {@value #ID}: fits the preprocessing with Spark
 * aggregations, boosts on {@code workers} Spark tasks, and assembles the booster with the preprocessing into an
 * ordinary trained model whose bundle names the plain {@code xgboost} trainer, so any JVM with
 * {@code model-registry-trainer-xgboost} (and no Spark) loads and serves the registered version.
 *
 * <p>Hyper-parameters are the plain trainer's ({@code rounds}, {@code eta}, {@code max_depth}, ...), checked by its
 * declaration; the spec's threads are xgboost threads per worker. Trees grow with {@code hist} and xgboost's
 * native objective; {@link RoundHook}, xgboost4j-spark's custom evaluation, is the per-round hook on the workers.
 * Progress: the rounds the workers have finished, with their validation metric, reach the driver with executor
 * heartbeats while the barrier stage runs ({@link RoundListener}); the rest when it has finished. Cancel: the request's signal is polled every 100 ms and before each live round is reported; once
 * true the Spark job group is cancelled and every worker stops after its current round.
 *
 * <p>Thread-safe: each call trains on its own Spark job group.
 */
public final class SparkXGBoostTrainer {
    /** The id recorded as the version's training trainer (its bundle is served by {@code xgboost}). */
    public static final String ID = "xgboost-spark";

    private static final long POLL_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SparkXGBoostTrainer.class);

    private final SparkSession spark;
    private final int workers;
    private final Trainer serving = new XGBoostTrainerProvider().trainer();

    /**
     * Creates the trainer.
     *
     * @param spark the session jobs run in
     * @param workers the number of xgboost workers (Spark tasks that train together); at most the cores Spark has
     * @throws InvalidArgumentException if {@code workers} is below 1
     */
    public SparkXGBoostTrainer(SparkSession spark, int workers) {
        this.spark = Objects.requireNonNull(spark, "spark");
        if (workers < 1) {
            throw new InvalidArgumentException("workers must be >= 1, got " + workers);
        }
        this.workers = workers;
    }

    /**
     * Reads a data set from a path: Parquet (a {@code .parquet} file or a directory) or CSV ({@code .csv}, with a
     * header row; numbers are inferred).
     *
     * @param path a path Spark can read (local, {@code hdfs://}, {@code s3a://}, ...)
     * @return the rows
     */
    public Dataset<Row> read(String path) {
        Objects.requireNonNull(path, "path");
        if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return spark.read().option("header", "true").option("inferSchema", "true").csv(path);
        }
        return spark.read().parquet(path);
    }

    /**
     * Trains.
     *
     * @param request what to train
     * @return the trained model and the Spark model it came from
     * @throws InvalidArgumentException if a hyper-parameter or the preprocessing is refused
     * @throws TrainingCancelledException if the request's signal cancelled
     * @throws TrainingFailedException if Spark or xgboost failed
     */
    public SparkTrainingResult train(SparkTrainingRequest request) {
        Objects.requireNonNull(request, "request");
        long started = System.nanoTime();
        ExternalModels.Preprocessing pre = SparkPreprocessing.fit(request.data(), request.features(),
                request.preprocessing());
        Boosted boosted = boost(request, pre);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ModelMetadata metadata = metadata(request, boosted.params(), boosted.nativeModel().bestIteration(),
                boosted.history(), took);
        return new SparkTrainingResult(ExternalModels.assemble(serving, pre, boosted.nativeModel(), metadata),
                (Model<?>) boosted.sparkModel(), pre);
    }

    /**
     * What boosting on Spark gave.
     *
     * @param nativeModel the booster as the plain trainer reads it (cut to the best round after early stopping)
     * @param sparkModel xgboost4j-spark's model, every round it boosted
     * @param params the resolved hyper-parameters
     * @param history the validation metric of each round boosted
     */
    record Boosted(NativeModel nativeModel, XGBoostModel<?> sparkModel, HyperParameters params,
            OptionalDouble[] history) {
    }

    /**
     * Boosts the preprocessed rows of a request: what {@link #train} and the {@code xgboost-spark} trainer share.
     *
     * @param request what to train
     * @param pre the fitted preprocessing, applied to the rows before boosting
     * @return the booster, read by the plain trainer; the caller closes it
     */
    Boosted boost(SparkTrainingRequest request, ExternalModels.Preprocessing pre) {
        TrainingSpec spec = request.spec();
        HyperParameters params = HyperParameters.resolve(serving.hyperParameters(), spec.parameters());
        int rounds = params.intValue("rounds");
        Dataset<Row> train = frame(request.data(), request, pre);
        Optional<Dataset<Row>> validation = request.validation().map(v -> frame(v, request, pre));
        boolean stopping = spec.earlyStoppingPatience() > 0 && validation.isPresent();
        CollectionAccumulator<Float> finished = spark.sparkContext().collectionAccumulator("model-registry rounds");
        RoundHook hook = new RoundHook(spec.task(), validation.isPresent() ? 2 : 1, finished);
        Predictor<?, ?, ?> estimator = estimator(spec, params, rounds, validation, stopping, hook);
        AtomicInteger reported = new AtomicInteger();
        XGBoostModel<?> model = fit(estimator, train, request, rounds, finished, reported);
        OptionalDouble[] history = replayProgress(model, rounds, request, reported.get());
        try {
            byte[] bytes;
            String bestAttr = model.nativeBooster().getAttr("best_iteration");
            if (stopping && bestAttr != null) {
                bytes = BoosterTrim.firstRounds(model.nativeBooster().booster(),
                        Integer.parseInt(bestAttr.strip()) + 1);
            } else {
                bytes = model.nativeBooster().toByteArray("ubj");
            }
            return new Boosted(serving.read(new ByteArrayInputStream(bytes), request.features().size()), model,
                    params, history);
        } catch (XGBoostError | IOException e) {
            throw new TrainingFailedException("cannot read the booster Spark trained: " + e.getMessage(), e);
        }
    }

    /** The preprocessed features as one dense vector column, and the label as a double. */
    static Dataset<Row> frame(Dataset<Row> rows, SparkTrainingRequest request, ExternalModels.Preprocessing pre) {
        Dataset<Row> p = SparkPreprocessing.apply(rows, pre);
        Column[] features = request.features().stream().map(f -> col(f)).toArray(Column[]::new);
        // array_to_vector makes dense vectors: a sparse one would let xgboost read its zeros as missing values
        return p.select(org.apache.spark.ml.functions.array_to_vector(array(features)).as("features"),
                col(request.label()).cast(DataTypes.DoubleType).as("label"));
    }

    private Predictor<?, ?, ?> estimator(TrainingSpec spec, HyperParameters params, int rounds,
            Optional<Dataset<Row>> validation, boolean stopping, RoundHook hook) {
        boolean binary = spec.task() == Task.BINARY_CLASSIFICATION;
        Predictor<?, ?, ?> e = binary ? new XGBoostClassifier() : new XGBoostRegressor();
        Map<String, Object> set = new HashMap<>();
        for (Map.Entry<String, String> p : params.asMap().entrySet()) {
            switch (p.getKey()) {
                case "rounds" -> set.put("numRound", rounds);
                case "max_depth" -> set.put("max_depth", Integer.parseInt(p.getValue()));
                case "eta" -> set.put("eta", Double.parseDouble(p.getValue()));
                case "min_child_weight" -> set.put("min_child_weight", Double.parseDouble(p.getValue()));
                case "subsample" -> set.put("subsample", Double.parseDouble(p.getValue()));
                case "colsample_bytree" -> set.put("colsample_bytree", Double.parseDouble(p.getValue()));
                case "lambda" -> set.put("lambda", Double.parseDouble(p.getValue()));
                case "alpha" -> set.put("alpha", Double.parseDouble(p.getValue()));
                case "gamma" -> set.put("gamma", Double.parseDouble(p.getValue()));
                default -> throw new InvalidArgumentException("hyper-parameter '" + p.getKey()
                        + "' is not supported on Spark");
            }
        }
        // xgboost's native objective, as the plain trainer's; the metric is the hook's (a custom evaluation
        // replaces xgboost's), the same formula (see RoundHook)
        set.put("objective", binary ? "binary:logistic" : "reg:squarederror");
        set.put("tree_method", "hist");
        set.put("seed", spec.seed());
        set.put("nthread", spec.threads());
        set.put("numWorkers", workers);
        set.put("verbosity", 0);
        for (Map.Entry<String, Object> s : set.entrySet()) {
            set(e, s.getKey(), s.getValue());
        }
        set(e, "customEval", hook);
        if (validation.isPresent()) {
            if (binary) {
                ((XGBoostClassifier) e).setEvalDataset(validation.get());
            } else {
                ((XGBoostRegressor) e).setEvalDataset(validation.get());
            }
        }
        if (stopping) {
            set(e, "numEarlyStoppingRounds", spec.earlyStoppingPatience());
        }
        return e;
    }

    /** Sets one of xgboost4j-spark's parameters, which carry xgboost's own names. */
    private static void set(Predictor<?, ?, ?> estimator, String name, Object value) {
        if (!estimator.hasParam(name)) {
            throw new IllegalStateException("xgboost4j-spark has no parameter '" + name + "'; it has "
                    + java.util.Arrays.stream(estimator.params()).map(p -> p.name()).toList());
        }
        estimator.set(estimator.getParam(name), value);
    }

    private XGBoostModel<?> fit(Predictor<?, ?, ?> estimator, Dataset<Row> train, SparkTrainingRequest request,
            int rounds, CollectionAccumulator<Float> finished, AtomicInteger reported) {
        String group = "model-registry-" + UUID.randomUUID();
        AtomicBoolean cancelled = new AtomicBoolean();
        RoundListener live = new RoundListener(finished.id());
        spark.sparkContext().addSparkListener(live);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-registry-spark-watch");
            t.setDaemon(true);
            return t;
        });
        // Rounds are reported one at a time and the signal asked before each, so a listener that cancels after
        // round k hears no round past k (the workers may have boosted a few more by then).
        watcher.scheduleWithFixedDelay(() -> {
            try {
                while (!cancelled.get()) {
                    if (request.cancelled().getAsBoolean()) {
                        cancelled.set(true);
                        spark.sparkContext().cancelJobGroup(group);
                    } else if (reported.get() < Math.min(live.rounds().size(), rounds)) {
                        float metric = live.rounds().get(reported.get());
                        request.progress().onIteration(reported.incrementAndGet(), rounds,
                                Float.isNaN(metric) ? OptionalDouble.empty() : OptionalDouble.of(metric));
                    } else {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("progress listener or cancel signal of {} failed", group, e);
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        spark.sparkContext().setJobGroup(group, "model-registry training " + ID, true);
        try {
            if (request.cancelled().getAsBoolean()) {
                throw new TrainingCancelledException(ID + " training cancelled before it started");
            }
            XGBoostModel<?> model = (XGBoostModel<?>) estimator.fit(train);
            stop(watcher);
            if (cancelled.get()) {
                throw new TrainingCancelledException(ID + " training cancelled as it finished");
            }
            return model;
        } catch (TrainingCancelledException e) {
            throw e;
        } catch (Exception e) {
            // Scala code throws SparkException, a checked exception, without declaring it
            if (cancelled.get() || request.cancelled().getAsBoolean()) {
                throw new TrainingCancelledException(ID + " training cancelled: " + firstLine(e.getMessage()));
            }
            throw new TrainingFailedException(ID + " training failed: " + firstLine(e.getMessage()), e);
        } finally {
            spark.sparkContext().clearJobGroup();
            stop(watcher);
            spark.sparkContext().removeSparkListener(live);
        }
    }

    /** Stops the watcher and waits for a report it is making, so that no live round follows the replayed ones. */
    private static void stop(ScheduledExecutorService watcher) {
        watcher.shutdown();
        try {
            watcher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Tells the listener each round the stage ran that the live progress did not report, with its validation
     * metric; returns every round's metric.
     */
    private static OptionalDouble[] replayProgress(XGBoostModel<?> model, int rounds, SparkTrainingRequest request,
            int reported) {
        Optional<XGBoostTrainingSummary> summary = Optional.empty();
        if (model.summary().isDefined()) {
            summary = Optional.of(model.summary().get());
        }
        float[] validation = summary.filter(s -> s.validationObjectiveHistory().nonEmpty())
                .map(s -> s.validationObjectiveHistory().head()._2()).orElse(null);
        // the histories are as long as the rounds asked for; after an early stop, the rounds boosted are fewer
        int done = (int) Math.min(model.nativeBooster().getNumBoostedRound(),
                validation != null ? validation.length : rounds);
        OptionalDouble[] out = new OptionalDouble[done];
        for (int i = 0; i < done; i++) {
            out[i] = validation == null ? OptionalDouble.empty() : OptionalDouble.of(validation[i]);
            if (i >= reported) {
                request.progress().onIteration(i + 1, rounds, out[i]);
            }
        }
        return out;
    }

    private ModelMetadata metadata(SparkTrainingRequest request, HyperParameters params, Optional<Integer> best,
            OptionalDouble[] history, Duration took) {
        Task task = request.spec().task();
        Map<String, Double> metrics = new HashMap<>();
        int kept = best.orElse(history.length);
        if (kept >= 1 && kept <= history.length && history[kept - 1].isPresent()) {
            metrics.put("validation_" + (task == Task.BINARY_CLASSIFICATION ? "logloss" : "rmse"),
                    history[kept - 1].getAsDouble());
        }
        TrainingInfo info = new TrainingInfo(ID, serving.libraryVersion(), params.asMap(), Optional.empty(),
                request.data().count(), Optional.empty(), Optional.empty(), Optional.of(took), best);
        return ModelMetadata.builder(ExternalModels.FORMAT_ID)
                .modelType(serving.id() + "-" + task.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .training(info)
                .metrics(metrics)
                .features(new FeatureSchema(request.features().stream().map(Feature::numeric).toList(),
                        Optional.of(request.target()), Optional.empty()))
                .property("seed", Long.toString(request.spec().seed()))
                .property("threads", Integer.toString(request.spec().threads()))
                .property("early_stopping_patience", Integer.toString(request.spec().earlyStoppingPatience()))
                .property("native_format", serving.formatId())
                .property("trainer_module", serving.module())
                .property("selected_features", String.join(",", request.features()))
                .property("spark_workers", Integer.toString(workers))
                .property("spark_version", spark.version())
                .build();
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.lines().findFirst().orElse(message);
    }
}
