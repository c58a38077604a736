package dev.modelregistry.api.training;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A base for trainers: it holds what a trainer says about itself, so a trainer writes only
 * {@link #train} and {@link #read}, and it offers the one way to close a native resource after a failure.
 * What a trainer needs besides comes checked and resolved: its input through {@link TrainingInput#of}
 * (task, hyper-parameters, data) and its early stopping through {@link EarlyStopping#of}.
 *
 * <pre>{@code
 * final class RidgeTrainer extends TrainerSupport {
 *     RidgeTrainer() {
 *         super("example-ridge", "example-ridge-v1", "1.0.0", "com.example:ridge-trainer",
 *                 Set.of(Task.REGRESSION), List.of(HyperParameter.integer("epochs", 100, 1, 1_000_000, "passes")));
 *     }
 *
 *     public NativeModel train(TrainingInput input) {
 *         int epochs = input.parameters().intValue("epochs");   // checked, with its default
 *         Optional<EarlyStopping> stopping = EarlyStopping.of(input);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>By default a trainer neither handles missing values nor stops early; override
 * {@link #handlesMissingValues()} and {@link #supportsEarlyStopping()} to say otherwise. Subclasses must
 * stay thread-safe, as {@link Trainer} requires; this class holds only immutable values.
 */
public abstract class TrainerSupport implements Trainer {
    private final String id;
    private final String formatId;
    private final String libraryVersion;
    private final String module;
    private final Set<Task> tasks;
    private final List<HyperParameter> hyperParameters;

    /**
     * Describes the trainer.
     *
     * @param id the unique id, e.g. {@code xgboost}
     * @param formatId the id of the format its models are written in, e.g. {@code xgboost-ubjson}
     * @param libraryVersion the version of the library that trains and reads the models
     * @param module the Maven artifact that provides the trainer, as {@code groupId:artifactId}
     * @param tasks the tasks it supports, at least one
     * @param hyperParameters the hyper-parameters it accepts
     */
    protected TrainerSupport(String id, String formatId, String libraryVersion, String module, Set<Task> tasks,
            List<HyperParameter> hyperParameters) {
        this.id = Objects.requireNonNull(id, "id");
        this.formatId = Objects.requireNonNull(formatId, "formatId");
        this.libraryVersion = Objects.requireNonNull(libraryVersion, "libraryVersion");
        this.module = Objects.requireNonNull(module, "module");
        this.tasks = Set.copyOf(tasks);
        this.hyperParameters = List.copyOf(hyperParameters);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Set<Task> tasks() {
        return tasks;
    }

    @Override
    public final List<HyperParameter> hyperParameters() {
        return hyperParameters;
    }

    @Override
    public final String formatId() {
        return formatId;
    }

    @Override
    public final String libraryVersion() {
        return libraryVersion;
    }

    @Override
    public final String module() {
        return module;
    }

    /**
     * {@inheritDoc}
     *
     * @return false unless a subclass says otherwise; the training service then imputes missing values
     */
    @Override
    public boolean handlesMissingValues() {
        return false;
    }

    /**
     * {@inheritDoc}
     *
     * @return false unless a subclass says otherwise
     */
    @Override
    public boolean supportsEarlyStopping() {
        return false;
    }

    /**
     * Closes a resource after a failure, keeping the failure the one that counts: if closing fails too,
     * that failure is added to it as suppressed. The caller rethrows the failure, which keeps its exact type:
     *
     * <pre>{@code
     * Booster booster = XGBoost.loadModel(bytes);
     * try {
     *     return new XGBoostNativeModel(booster, ...);
     * } catch (XGBoostError | RuntimeException e) {
     *     TrainerSupport.closeAfterFailure(booster::dispose, e);
     *     throw e;
     * }
     * }</pre>
     *
     * @param resource what to close, for example a native model or a method reference to a dispose method
     * @param failure the failure that ends the caller's use of the resource
     */
    public static void closeAfterFailure(AutoCloseable resource, Throwable failure) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(failure, "failure");
        try {
            resource.close();
        } catch (Throwable closeFailure) {
            if (closeFailure != failure) {
                failure.addSuppressed(closeFailure);
            }
        }
    }

    /**
     * Names the trainer, its format and library, for logs and a shell.
     *
     * @return e.g. {@code xgboost trainer [xgboost-ubjson, library 3.4.0]}
     */
    @Override
    public String toString() {
        return id + " trainer [" + formatId + ", library " + libraryVersion + "]";
    }
}
