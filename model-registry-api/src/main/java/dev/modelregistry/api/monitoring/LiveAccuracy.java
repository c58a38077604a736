package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.ModelRef;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How right one version has been on live traffic in one environment: its predictions whose outcomes were
 * recorded ({@link Monitoring#recordOutcome}), over the window of {@link AccuracyRules}, next to the
 * figures of the version's stored evaluation. The metrics are those of the offline evaluation, computed
 * the same way on these rows: RMSE and MAE of {@code predicted − actual}; the hit rate over the rows
 * where neither sign is zero, with its one-sided binomial p-value {@code P(X >= hits)} for
 * {@code X ~ Binomial(trials, 1/2)}; the IC as the Spearman correlation of predictions and outcomes,
 * pooled over the window (a time-series IC, not a mean of per-date cross-sections). Values that cannot
 * be computed are empty, never NaN.
 *
 * <p>Immutable and thread-safe.
 *
 * @param environment the environment that served the predictions
 * @param version the version that made them
 * @param outcomes how many predictions with outcomes the window holds, at least 1
 * @param firstServedAt when the oldest of them was served
 * @param lastServedAt when the newest of them was served
 * @param rmse root mean squared error
 * @param mae mean absolute error
 * @param hits predictions whose sign matched the outcome's
 * @param trials predictions where both signs are defined
 * @param hitRate {@code hits / trials}; empty without trials
 * @param hitRatePValue the chance a coin flip does as well; empty without trials
 * @param ic the Spearman IC; empty with fewer than two rows or a constant side
 * @param evaluationRmse the RMSE of the version's stored evaluation, if it has one
 * @param evaluationHitRate the hit rate of the version's stored evaluation, if it has one
 * @param evaluationIc the IC of the version's stored evaluation, if it has one
 */
public record LiveAccuracy(String environment, ModelRef.Numbered version, int outcomes, Instant firstServedAt,
        Instant lastServedAt, double rmse, double mae, long hits, long trials, OptionalDouble hitRate,
        OptionalDouble hitRatePValue, OptionalDouble ic, OptionalDouble evaluationRmse,
        OptionalDouble evaluationHitRate, OptionalDouble evaluationIc) {
    /**
     * Checks that no field is null.
     *
     * @param environment the environment
     * @param version the version
     * @param outcomes the rows
     * @param firstServedAt the oldest row's time
     * @param lastServedAt the newest row's time
     * @param rmse the RMSE
     * @param mae the MAE
     * @param hits rows whose signs match
     * @param trials rows with both signs defined
     * @param hitRate the hit rate
     * @param hitRatePValue its p-value
     * @param ic the IC
     * @param evaluationRmse the evaluation's RMSE
     * @param evaluationHitRate the evaluation's hit rate
     * @param evaluationIc the evaluation's IC
     * @throws NullPointerException if an object argument is null
     */
    public LiveAccuracy {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(firstServedAt, "firstServedAt");
        Objects.requireNonNull(lastServedAt, "lastServedAt");
        Objects.requireNonNull(hitRate, "hitRate");
        Objects.requireNonNull(hitRatePValue, "hitRatePValue");
        Objects.requireNonNull(ic, "ic");
        Objects.requireNonNull(evaluationRmse, "evaluationRmse");
        Objects.requireNonNull(evaluationHitRate, "evaluationHitRate");
        Objects.requireNonNull(evaluationIc, "evaluationIc");
    }
}
