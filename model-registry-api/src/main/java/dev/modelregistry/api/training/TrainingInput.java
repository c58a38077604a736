package dev.modelregistry.api.training;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a trainer needs for one training run, checked against that trainer before it reaches
 * {@link Trainer#train}. {@link #of} is the one place a run's input is checked, for the registry's training
 * service and for anyone calling a trainer directly alike, so a trainer checks none of it again:
 *
 * <ul>
 * <li>the trainer supports the spec's task;</li>
 * <li>the hyper-parameters are resolved against the trainer's declarations ({@link HyperParameters#resolve}):
 *     unknown names, wrong types and out-of-range values are refused, defaults filled in;</li>
 * <li>the training set has at least one row, and the validation set, if given, too;</li>
 * <li>the validation set has the training set's features, by name and in order;</li>
 * <li>for binary classification, every label of both sets is 0 or 1.</li>
 * </ul>
 *
 * <p>These rules hold before and after preprocessing alike, so the registry checks a request's raw rows once
 * and hands the trainer the preprocessed rows through {@link #withData}. Feature values are finite or NaN
 * (missing): the registry's preprocessing turns infinities into missing values, and imputes them for a
 * trainer that does not {@link Trainer#handlesMissingValues() handle missing values}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrainingInput {
    private final String trainerId;
    private final TrainingSpec spec;
    private final HyperParameters parameters;
    private final Dataset train;
    private final Optional<Dataset> validation;
    private final TrainingContext context;

    private TrainingInput(String trainerId, TrainingSpec spec, HyperParameters parameters, Dataset train,
            Optional<Dataset> validation, TrainingContext context) {
        this.trainerId = trainerId;
        this.spec = spec;
        this.parameters = parameters;
        this.train = train;
        this.validation = validation;
        this.context = context;
        checkData();
    }

    /**
     * Checks a run's input against the trainer that will train it (see the class comment for every rule).
     *
     * @param trainer the trainer the input is for
     * @param spec the task, hyper-parameters, seed, threads and early stopping
     * @param train the training rows
     * @param validation rows for the validation metric and early stopping, if any
     * @param context progress and cancellation
     * @return the checked input, with the hyper-parameters resolved
     * @throws InvalidArgumentException naming what is wrong, before any training starts
     */
    public static TrainingInput of(Trainer trainer, TrainingSpec spec, Dataset train, Optional<Dataset> validation,
            TrainingContext context) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(context, "context");
        if (!trainer.tasks().contains(spec.task())) {
            throw new InvalidArgumentException("trainer '" + trainer.id() + "' does not support " + spec.task()
                    + "; it supports " + trainer.tasks());
        }
        HyperParameters parameters = HyperParameters.resolve(trainer.hyperParameters(), spec.parameters());
        return new TrainingInput(trainer.id(), spec, parameters, train, validation, context);
    }

    /**
     * The same checked spec and context with other rows, for example the rows after preprocessing or one
     * fold's rows. Only the rows are checked (the data rules of the class comment); the spec is not
     * resolved again.
     *
     * @param train the training rows
     * @param validation the validation rows, if any
     * @return the new input
     * @throws InvalidArgumentException naming what is wrong with the rows
     */
    public TrainingInput withData(Dataset train, Optional<Dataset> validation) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        return new TrainingInput(trainerId, spec, parameters, train, validation, context);
    }

    /**
     * The spec: task, seed, threads and early-stopping patience. Read hyper-parameters from
     * {@link #parameters()}, which has them checked, typed and with defaults.
     *
     * @return the spec
     */
    public TrainingSpec spec() {
        return spec;
    }

    /**
     * The hyper-parameters, resolved against the trainer's declarations.
     *
     * @return every declared parameter with its value
     */
    public HyperParameters parameters() {
        return parameters;
    }

    /**
     * The training rows.
     *
     * @return at least one row
     */
    public Dataset train() {
        return train;
    }

    /**
     * The rows for the validation metric and early stopping.
     *
     * @return the rows, with the training set's features; empty if there are none
     */
    public Optional<Dataset> validation() {
        return validation;
    }

    /**
     * Where the trainer reports progress and asks whether to stop.
     *
     * @return the context
     */
    public TrainingContext context() {
        return context;
    }

    @Override
    public String toString() {
        return "TrainingInput[trainer " + trainerId + ", " + spec.task() + ", " + parameters.asMap() + ", train "
                + train + validation.map(v -> ", validation " + v).orElse("") + "]";
    }

    private void checkData() {
        if (train.rowCount() == 0) {
            throw new InvalidArgumentException("the training set has no rows");
        }
        checkLabels(train, "training");
        if (validation.isPresent()) {
            Dataset v = validation.get();
            if (v.rowCount() == 0) {
                throw new InvalidArgumentException("the validation set has no rows");
            }
            if (!v.featureNames().equals(train.featureNames())) {
                throw new InvalidArgumentException("the validation set's " + v.featureCount() + " features "
                        + v.featureNames() + " differ from the training set's " + train.featureCount() + " "
                        + train.featureNames());
            }
            checkLabels(v, "validation");
        }
    }

    private void checkLabels(Dataset data, String role) {
        if (spec.task() == Task.BINARY_CLASSIFICATION) {
            for (int r = 0; r < data.rowCount(); r++) {
                double label = data.label(r);
                if (label != 0.0 && label != 1.0) {
                    throw new InvalidArgumentException("binary classification needs labels 0 or 1; row " + r
                            + " of the " + role + " set has " + label);
                }
            }
        }
    }
}
