package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.version.TrainingInfo;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The guards that keep a too-good-to-be-true evaluation from being promoted. Each guard that trips adds a
 * failed rule named {@code guard_…} to the decision, which makes the recommendation at best HOLD (a failed
 * hard gate still rejects), and is logged at WARN.
 * <ul>
 *   <li>{@code guard_feature_label_correlation}: the largest absolute Pearson or Spearman correlation
 *       between one feature and the label must stay at most {@link #maxFeatureLabelCorrelation()}
 *       (default 0.9): a feature almost identical to the label is the label leaking in.</li>
 *   <li>{@code guard_contemporaneous_feature}: for each feature, |corr(x<sub>t</sub>, y<sub>t</sub>)| −
 *       |corr(x<sub>t−1</sub>, y<sub>t</sub>)| must stay at most {@link #maxLagAdvantage()} (default 0.2). A
 *       feature known before the label predicts it about as well one row earlier; one that predicts it only
 *       at lag 0 carries information from the label's own period. Lag 1 is the previous row of the same
 *       asset (with asset keys), the same position in the previous date (a cross-section of constant size)
 *       or the previous row.</li>
 *   <li>{@code guard_in_sample_overlap}: when the training rows are known ({@link #withTraining},
 *       {@link #withTrainingRange},
 *       {@link #withTrainingFingerprint}), the share of evaluation rows whose time lies in the training range
 *       (or 1 when the evaluation data's fingerprint equals the training data's) must stay at most
 *       {@link #maxTrainingOverlap()} (default 0).</li>
 * </ul>
 * The feature guards need the features: {@link Evaluator#evaluate(dev.modelregistry.api.training.Predictor,
 * dev.modelregistry.api.training.Dataset, EvaluationOptions)} has them, and
 * {@link Predictions#withFeatures} adds them to predictions made elsewhere. A guard without its inputs adds no
 * rule. Ceilings of market metrics (hit rate, IC, Sharpe, R²) are in
 * {@code dev.modelregistry.api.evaluation.market.Plausibility}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param enabled whether the guards run at all
 * @param maxFeatureLabelCorrelation in (0, 1]; 1 never trips
 * @param maxLagAdvantage in (0, 1]; 1 never trips
 * @param maxTrainingOverlap the share of evaluation rows allowed inside the training rows, in [0, 1]
 * @param trainingFirst the first time of the training rows, if known
 * @param trainingLast the last time of the training rows, if known
 * @param trainingFingerprint the training data's {@link dev.modelregistry.api.training.Dataset#fingerprint()},
 *     if known
 */
public record Guards(boolean enabled, double maxFeatureLabelCorrelation, double maxLagAdvantage,
        double maxTrainingOverlap, OptionalLong trainingFirst, OptionalLong trainingLast,
        Optional<String> trainingFingerprint) {

    /**
     * Validates the settings.
     *
     * @param enabled on or off
     * @param maxFeatureLabelCorrelation in (0, 1]
     * @param maxLagAdvantage in (0, 1]
     * @param maxTrainingOverlap in [0, 1]
     * @param trainingFirst present exactly when {@code trainingLast} is
     * @param trainingLast at least {@code trainingFirst}
     * @param trainingFingerprint the fingerprint, or empty
     * @throws InvalidArgumentException naming the first bad setting
     * @throws NullPointerException if an optional is null
     */
    public Guards {
        Objects.requireNonNull(trainingFirst, "trainingFirst");
        Objects.requireNonNull(trainingLast, "trainingLast");
        Objects.requireNonNull(trainingFingerprint, "trainingFingerprint");
        if (!(maxFeatureLabelCorrelation > 0 && maxFeatureLabelCorrelation <= 1)) {
            throw new InvalidArgumentException("maxFeatureLabelCorrelation must be in (0, 1], got "
                    + maxFeatureLabelCorrelation);
        }
        if (!(maxLagAdvantage > 0 && maxLagAdvantage <= 1)) {
            throw new InvalidArgumentException("maxLagAdvantage must be in (0, 1], got " + maxLagAdvantage);
        }
        if (!(maxTrainingOverlap >= 0 && maxTrainingOverlap <= 1)) {
            throw new InvalidArgumentException("maxTrainingOverlap must be in [0, 1], got " + maxTrainingOverlap);
        }
        if (trainingFirst.isPresent() != trainingLast.isPresent()) {
            throw new InvalidArgumentException("give both ends of the training range or neither");
        }
        if (trainingFirst.isPresent() && trainingFirst.getAsLong() > trainingLast.getAsLong()) {
            throw new InvalidArgumentException("training range starts at " + trainingFirst.getAsLong()
                    + " after it ends at " + trainingLast.getAsLong());
        }
    }

    /**
     * The defaults: on, correlation at most 0.9, lag-0 advantage at most 0.2, no overlap with the training
     * rows, which are unknown until given.
     *
     * @return the defaults
     */
    public static Guards defaults() {
        return new Guards(true, 0.9, 0.2, 0, OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
    }

    /**
     * A copy with the guards on or off. Off is for deliberate experiments, such as evaluating a model on its
     * own training rows to measure over-fitting.
     *
     * @param value whether the guards run
     * @return the copy
     */
    public Guards withEnabled(boolean value) {
        return new Guards(value, maxFeatureLabelCorrelation, maxLagAdvantage, maxTrainingOverlap, trainingFirst,
                trainingLast, trainingFingerprint);
    }

    /**
     * A copy with another ceiling on a feature's correlation with the label.
     *
     * @param value in (0, 1]
     * @return the copy
     */
    public Guards withMaxFeatureLabelCorrelation(double value) {
        return new Guards(enabled, value, maxLagAdvantage, maxTrainingOverlap, trainingFirst, trainingLast,
                trainingFingerprint);
    }

    /**
     * A copy with another ceiling on how much better a feature predicts the label at lag 0 than at lag 1.
     *
     * @param value in (0, 1]
     * @return the copy
     */
    public Guards withMaxLagAdvantage(double value) {
        return new Guards(enabled, maxFeatureLabelCorrelation, value, maxTrainingOverlap, trainingFirst,
                trainingLast, trainingFingerprint);
    }

    /**
     * A copy with another allowed share of evaluation rows inside the training rows.
     *
     * @param value in [0, 1]
     * @return the copy
     */
    public Guards withMaxTrainingOverlap(double value) {
        return new Guards(enabled, maxFeatureLabelCorrelation, maxLagAdvantage, value, trainingFirst, trainingLast,
                trainingFingerprint);
    }

    /**
     * A copy that knows the time range of the model's training rows, in the data's time index, for example
     * from the version's {@code TrainingInfo.dataStart()}/{@code dataEnd()} (the time index as epoch seconds,
     * {@code Instant.getEpochSecond()}).
     *
     * @param first the first training time
     * @param last the last training time, at least {@code first}
     * @return the copy
     */
    public Guards withTrainingRange(long first, long last) {
        return new Guards(enabled, maxFeatureLabelCorrelation, maxLagAdvantage, maxTrainingOverlap,
                OptionalLong.of(first), OptionalLong.of(last), trainingFingerprint);
    }

    /**
     * A copy that knows the fingerprint of the model's training data ({@code TrainingInfo.datasetFingerprint()});
     * evaluating on data with the same fingerprint counts every row as in-sample.
     *
     * @param value the training data's fingerprint
     * @return the copy
     */
    public Guards withTrainingFingerprint(String value) {
        return new Guards(enabled, maxFeatureLabelCorrelation, maxLagAdvantage, maxTrainingOverlap, trainingFirst,
                trainingLast, Optional.of(Objects.requireNonNull(value, "value")));
    }

    /**
     * A copy that knows a registered version's training rows: its time range
     * ({@link TrainingInfo#dataStart()}..{@link TrainingInfo#dataEnd()}, the time index as epoch seconds,
     * as the training service stores it) and its data fingerprint, whichever are known.
     *
     * @param info the version's training information, from {@code ModelMetadata.training()}
     * @return the copy
     */
    public Guards withTraining(TrainingInfo info) {
        Objects.requireNonNull(info, "info");
        Guards g = this;
        if (info.dataStart().isPresent() && info.dataEnd().isPresent()) {
            g = g.withTrainingRange(info.dataStart().get().getEpochSecond(), info.dataEnd().get().getEpochSecond());
        }
        if (info.datasetFingerprint().isPresent()) {
            g = g.withTrainingFingerprint(info.datasetFingerprint().get());
        }
        return g;
    }
}
