package dev.modelregistry.core.training;

import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerSupport;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.service.FoldResult;
import dev.modelregistry.api.training.service.Imputation;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingJob;
import dev.modelregistry.api.training.service.TrainingProgress;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.training.service.TrainingService;
import dev.modelregistry.api.training.service.ValidationReport;
import dev.modelregistry.api.version.Feature;
import dev.modelregistry.api.version.FeatureSchema;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.api.version.VersionManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.modelregistry.core.internal.Metrics;

/**
 * The registry's {@link TrainingService}: users reach it as {@code registry.training()}, typed as the api
 * interface. Public only so that the registry's builder, in another package, can construct it; the
 * training package keeps everything else it uses to itself.
 *
 * <p>Training fits a {@link Preprocessor} on the training rows only, hands the trainer the preprocessed
 * rows through the {@link TrainingInput} checked once per request, and wraps what the trainer returns in a
 * {@link FittedModel}. Validation scores each fold with {@link Metrics}, as evaluation does.
 *
 * <p>Thread-safe. Asynchronous jobs run on the executor it is given, or on daemon threads of its own;
 * {@link #close()} stops accepting new ones.
 */
public final class DefaultTrainingService implements TrainingService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultTrainingService.class);

    private final Trainers trainers;
    private final VersionManager versions;
    private final Clock clock;
    private final Executor jobs;
    /** The pool this service made itself, if it was given no executor: the only one it shuts down. */
    private final Optional<ExecutorService> ownJobs;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the service.
     *
     * @param trainers the trainers to use
     * @param versions where {@link #register} registers
     * @param clock measures training time
     */
    public DefaultTrainingService(Trainers trainers, VersionManager versions, Clock clock) {
        this(trainers, versions, clock, Optional.of(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "model-registry-training");
            t.setDaemon(true);
            return t;
        })));
    }

    /**
     * Creates the service with asynchronous jobs running on a given executor, which it never shuts down.
     *
     * @param trainers the trainers to use
     * @param versions where {@link #register} registers
     * @param clock measures training time
     * @param jobs runs {@link #trainAsync} jobs
     */
    public DefaultTrainingService(Trainers trainers, VersionManager versions, Clock clock, Executor jobs) {
        this(trainers, versions, clock, Optional.empty(), Objects.requireNonNull(jobs, "jobs"));
    }

    private DefaultTrainingService(Trainers trainers, VersionManager versions, Clock clock,
            Optional<ExecutorService> own) {
        this(trainers, versions, clock, own, own.orElseThrow());
    }

    private DefaultTrainingService(Trainers trainers, VersionManager versions, Clock clock,
            Optional<ExecutorService> own, Executor jobs) {
        Objects.requireNonNull(trainers, "trainers");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(clock, "clock");
        this.trainers = trainers;
        this.versions = versions;
        this.clock = clock;
        this.ownJobs = own;
        this.jobs = jobs;
    }

    @Override
    public List<Trainer> trainers() {
        return trainers.all();
    }

    @Override
    public Trainer trainer(String id) {
        Objects.requireNonNull(id, "id");
        return trainers.get(id);
    }

    @Override
    public TrainedModel train(TrainingRequest request) {
        Objects.requireNonNull(request, "request");
        AtomicBoolean cancelled = new AtomicBoolean();
        return train(request, check(request, context(cancelled, request.progress())), cancelled);
    }

    @Override
    public TrainingJob trainAsync(TrainingRequest request) {
        Objects.requireNonNull(request, "request");
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<TrainingJob.Progress> progress =
                new AtomicReference<>(new TrainingJob.Progress(0, 0, OptionalDouble.empty()));
        TrainingProgress listener = (i, total, metric) -> {
            progress.set(new TrainingJob.Progress(i, total, metric));
            request.progress().onIteration(i, total, metric);
        };
        // Checked here, so a bad request fails at once rather than in the job.
        TrainingInput input = check(request, context(cancelled, listener));
        if (closed.get()) {
            throw new RegistryClosedException("the training service is closed: no new asynchronous jobs");
        }
        CompletableFuture<TrainedModel> result = CompletableFuture.supplyAsync(
                () -> train(request, input, cancelled), jobs);
        return new TrainingJob() {
            @Override
            public Progress progress() {
                return progress.get();
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public CompletableFuture<TrainedModel> result() {
                return result;
            }

            @Override
            public TrainedModel join() {
                return AsyncFailures.join(result, "training");
            }
        };
    }

    @Override
    public ValidationReport validate(TrainingRequest request, List<Split> splits, int parallelism) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(splits, "splits");
        // One check of the whole request; each fold trains on its rows with the same resolved spec. The
        // context cancels a fold whose thread the pool interrupts after another fold failed.
        TrainingInput whole = check(request, context(new AtomicBoolean(), TrainingProgress.NONE));
        if (parallelism < 1) {
            throw new InvalidArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "model-registry-validation");
            t.setDaemon(true);
            return t;
        });
        try {
            // Every fold's rows are checked (no time stamp both trained and tested) before any fold trains.
            List<TrainingRequest> foldRequests = splits.stream().map(request::forFold).toList();
            List<CompletableFuture<FoldResult>> futures = new ArrayList<>();
            for (int i = 0; i < splits.size(); i++) {
                int fold = i;
                Split split = splits.get(i);
                TrainingRequest foldRequest = foldRequests.get(i);
                futures.add(CompletableFuture.supplyAsync(() -> fold(request, foldRequest, whole, fold,
                        splits.size(), split), pool));
            }
            List<FoldResult> results = new ArrayList<>();
            for (CompletableFuture<FoldResult> f : futures) {
                results.add(AsyncFailures.join(f, "validation with '" + request.trainerId() + "'"));
            }
            return new DefaultValidationReport(request.trainerId(), results);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public ModelVersion register(String model, TrainedModel trained) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(trained, "trained");
        if (!(trained instanceof FittedModel fitted)) {
            throw new InvalidArgumentException("only a model this registry trained can be registered as a trained"
                    + " model, not a " + trained.getClass().getName());
        }
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        try {
            fitted.writeBundle(bundle);
        } catch (IOException e) {
            throw new StorageException("cannot write the model bundle: " + e.getMessage(), e);
        }
        return versions.register(model, new ByteArrayInputStream(bundle.toByteArray()), trained.metadata());
    }

    /** Stops accepting asynchronous jobs; running ones finish. */
    @Override
    public void close() {
        closed.set(true);
        ownJobs.ifPresent(ExecutorService::shutdown);
    }

    private FoldResult fold(TrainingRequest request, TrainingRequest foldRequest, TrainingInput whole, int fold,
            int folds, Split split) {
        Dataset test = request.data().select(split.test());
        requireTwoRows(foldRequest.data());
        // The fold's rows are a subset of the checked ones; train() hands them on preprocessed, and early
        // stopping runs on the split's inner validation rows when it has some.
        request.progress().onFoldStarted(fold + 1, folds);
        try (TrainedModel model = train(foldRequest, whole, new AtomicBoolean())) {
            double[] predicted = model.predictBatch(test.rows());
            Map<String, Double> metrics = new TreeMap<>(Metrics.of(request.spec().task(), test.labels(), predicted));
            // With inner validation rows, the fold's out-of-sample validation metrics (validation_rmse, ...)
            // sit beside its test metrics.
            model.metadata().metrics().forEach((k, v) -> {
                if (k.startsWith("validation_")) {
                    metrics.put(k, v);
                }
            });
            request.progress().onFoldFinished(fold + 1, folds);
            return new FoldResult(fold, split, metrics);
        }
    }

    /**
     * Checks a request once: its trainer exists, and {@link TrainingInput#of} checks the task, resolves the
     * hyper-parameters and checks the rows against that trainer. The rows handed to the trainer later are the
     * preprocessed ones, through {@link TrainingInput#withData}.
     */
    private TrainingInput check(TrainingRequest request, TrainingContext context) {
        Trainer trainer = trainers.get(request.trainerId());
        TrainingInput input = TrainingInput.of(trainer, request.spec(), request.data(), request.validation(),
                context);
        requireTwoRows(request.data());
        return input;
    }

    /** The service's own rule, for a request and for each fold of a validation: two rows to train on. */
    private static void requireTwoRows(Dataset train) {
        if (train.rowCount() < 2) {
            throw new InvalidArgumentException("need at least 2 training rows, got " + train.rowCount());
        }
    }

    /** What the trainer sees of a run: its cancel flag (or its thread's interruption) and its listener. */
    private static TrainingContext context(AtomicBoolean cancelled, TrainingProgress progress) {
        return new TrainingContext() {
            @Override
            public boolean cancelled() {
                return cancelled.get() || Thread.currentThread().isInterrupted();
            }

            @Override
            public void iteration(int iteration, int total, OptionalDouble metric) {
                Objects.requireNonNull(metric, "metric");
                progress.onIteration(iteration, total, metric);
            }
        };
    }

    /**
     * Trains on a checked input: fits the preprocessing on the request's rows, hands the trainer the
     * preprocessed rows, and wraps what it returns with the preprocessing and the metadata.
     */
    private TrainedModel train(TrainingRequest request, TrainingInput input, AtomicBoolean cancelled) {
        Trainer trainer = trainers.get(request.trainerId());
        long started = clock.millis();
        PreprocessingSpec prep = request.preprocessing();
        if (!trainer.handlesMissingValues() && prep.imputation() == Imputation.NONE) {
            // The library cannot take NaN: fill missing values rather than fail at its door.
            prep = prep.withImputation(Imputation.MEDIAN);
        }
        Preprocessor pre = Preprocessor.fit(request.data(), prep);
        if (prep.topKByImportance().isPresent() && prep.topKByImportance().getAsInt() < pre.selected().size()) {
            pre = selectByImportance(trainer, input, request, pre, prep.topKByImportance().getAsInt());
        }
        Dataset train = pre.transform(request.data());
        Optional<Dataset> validation = request.validation().map(pre::transform);
        NativeModel nativeModel = trainer.train(input.withData(train, validation));
        try {
            if (cancelled.get()) {
                throw new TrainingCancelledException("training with '" + trainer.id() + "' was cancelled");
            }
            Duration took = Duration.ofMillis(clock.millis() - started);
            Map<String, Double> metrics = new TreeMap<>();
            validation.ifPresent(v -> Metrics.of(request.spec().task(), v.labels(), nativeModel.predictBatch(v.rows()))
                    .forEach((k, value) -> metrics.put("validation_" + k, value)));
            // The bundle names the trainer that reads the native model back, which serving hosts need.
            Trainer serving = trainers.get(trainer.servingTrainerId());
            ModelMetadata metadata = metadata(trainer, serving, input, request, pre, nativeModel, took, metrics);
            LOG.info("trained {} on {} rows in {} ms", trainer.id(), request.data().rowCount(), took.toMillis());
            return new FittedModel(serving.id(), serving.module(), serving.formatId(), serving.libraryVersion(), pre,
                    nativeModel, metadata);
        } catch (RuntimeException | Error e) {
            // Cancelled, or scoring or metadata failed: the native model is no one's to close but ours.
            TrainerSupport.closeAfterFailure(nativeModel, e);
            throw e;
        }
    }

    /** Fits once on every kept feature, then keeps the k the trainer rates highest. */
    private Preprocessor selectByImportance(Trainer trainer, TrainingInput input, TrainingRequest request,
            Preprocessor pre, int k) {
        Dataset train = pre.transform(request.data());
        // Without a validation set early stopping does not run: the first fit trains every iteration.
        try (NativeModel first = trainer.train(input.withData(train, Optional.empty()))) {
            Map<Integer, Double> importance = first.featureImportance();
            if (importance.isEmpty()) {
                throw new InvalidArgumentException("trainer '" + trainer.id()
                        + "' reports no feature importance; topKByImportance cannot be used with it");
            }
            List<Integer> top = IntStream.range(0, pre.selected().size()).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -importance.getOrDefault(i, 0.0))
                            .thenComparingInt(i -> i))
                    .limit(k).sorted().toList();
            return pre.keep(top, request.data());
        }
    }

    private static ModelMetadata metadata(Trainer trainer, Trainer serving, TrainingInput input,
            TrainingRequest request, Preprocessor pre, NativeModel nativeModel, Duration took,
            Map<String, Double> metrics) {
        Dataset data = request.data();
        TrainingInfo info = new TrainingInfo(trainer.id(), trainer.libraryVersion(),
                input.parameters().asMap(),
                Optional.of(data.fingerprint()), data.rowCount(),
                // The time index, read as epoch seconds, so that evaluation can flag rows inside this range
                // (Guards.withTrainingRange(dataStart.getEpochSecond(), dataEnd.getEpochSecond())).
                data.times().map(t -> Instant.ofEpochSecond(t[0])),
                data.times().map(t -> Instant.ofEpochSecond(t[t.length - 1])), Optional.of(took),
                nativeModel.bestIteration());
        ModelMetadata.Builder b = ModelMetadata.builder(ModelBundle.FORMAT_ID)
                .modelType(serving.id() + "-" + request.spec().task().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-'))
                .training(info)
                .metrics(metrics)
                .features(new FeatureSchema(pre.inputNames().stream().map(Feature::numeric).toList(),
                        Optional.of(request.target()), Optional.empty()))
                .property("seed", Long.toString(request.spec().seed()))
                .property("threads", Integer.toString(request.spec().threads()))
                .property("early_stopping_patience", Integer.toString(request.spec().earlyStoppingPatience()))
                .property("native_format", serving.formatId())
                .property("trainer_module", serving.module())
                .property("selected_features", String.join(",", pre.outputNames()));
        data.times().ifPresent(t -> b.property("time_range", t[0] + ".." + t[t.length - 1]));
        return b.build();
    }
}
