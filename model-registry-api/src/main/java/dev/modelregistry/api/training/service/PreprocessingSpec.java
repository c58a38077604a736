package dev.modelregistry.api.training.service;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What preprocessing to fit on the training split. Steps run in this order: infinities become
 * missing; imputation; drop features whose variance is at most {@code minVariance}; drop a feature
 * whose absolute correlation with an earlier kept feature exceeds {@code maxCorrelation}; keep the
 * {@code topKByImportance} features the trainer itself rates highest (a first fit on the kept
 * features, then the real fit); standardise. Every statistic comes from the training split only.
 *
 * <p>Immutable and thread-safe.
 *
 * @param imputation how missing values are filled
 * @param standardize whether to scale each feature to mean 0 and standard deviation 1
 * @param minVariance drop features with variance at most this, when given
 * @param maxCorrelation drop features correlated above this with an earlier kept one, when given (0..1)
 * @param topKByImportance keep only this many features, by the trainer's importance, when given
 */
public record PreprocessingSpec(Imputation imputation, boolean standardize, OptionalDouble minVariance,
        OptionalDouble maxCorrelation, OptionalInt topKByImportance) {
    /**
     * Validates the spec.
     *
     * @param imputation the imputation
     * @param standardize whether to standardise
     * @param minVariance the variance threshold
     * @param maxCorrelation the correlation threshold
     * @param topKByImportance the number of features to keep
     */
    public PreprocessingSpec {
        Objects.requireNonNull(imputation, "imputation");
        Objects.requireNonNull(minVariance, "minVariance");
        Objects.requireNonNull(maxCorrelation, "maxCorrelation");
        Objects.requireNonNull(topKByImportance, "topKByImportance");
        minVariance.ifPresent(v -> {
            if (!(v >= 0)) {
                throw new InvalidArgumentException("minVariance must be >= 0, got " + v);
            }
        });
        maxCorrelation.ifPresent(c -> {
            if (!(c > 0 && c <= 1)) {
                throw new InvalidArgumentException("maxCorrelation must be in (0, 1], got " + c);
            }
        });
        topKByImportance.ifPresent(k -> {
            if (k < 1) {
                throw new InvalidArgumentException("topKByImportance must be >= 1, got " + k);
            }
        });
    }

    /**
     * No imputation, no selection, no scaling: only infinities become missing.
     *
     * @return the spec
     */
    public static PreprocessingSpec none() {
        return new PreprocessingSpec(Imputation.NONE, false, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty());
    }

    /**
     * Median imputation and standardisation, no selection.
     *
     * @return the spec
     */
    public static PreprocessingSpec standard() {
        return new PreprocessingSpec(Imputation.MEDIAN, true, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty());
    }

    /**
     * A copy with another imputation.
     *
     * @param value the imputation
     * @return the new spec
     */
    public PreprocessingSpec withImputation(Imputation value) {
        return new PreprocessingSpec(value, standardize, minVariance, maxCorrelation, topKByImportance);
    }

    /**
     * A copy with a variance threshold.
     *
     * @param value drop features with variance at most this
     * @return the new spec
     */
    public PreprocessingSpec withMinVariance(double value) {
        return new PreprocessingSpec(imputation, standardize, OptionalDouble.of(value), maxCorrelation,
                topKByImportance);
    }

    /**
     * A copy with a correlation threshold.
     *
     * @param value drop features correlated above this with an earlier kept one
     * @return the new spec
     */
    public PreprocessingSpec withMaxCorrelation(double value) {
        return new PreprocessingSpec(imputation, standardize, minVariance, OptionalDouble.of(value),
                topKByImportance);
    }

    /**
     * A copy that keeps the top features by importance.
     *
     * @param k how many to keep
     * @return the new spec
     */
    public PreprocessingSpec withTopKByImportance(int k) {
        return new PreprocessingSpec(imputation, standardize, minVariance, maxCorrelation, OptionalInt.of(k));
    }
}
