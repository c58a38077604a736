package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.ModelRef;
import java.util.List;

/**
 * Metrics, drift and alerts of the deployments that serve in this process.
 *
 * <ul>
 *   <li>{@link #snapshot} — counts, error rate, latency percentiles and the prediction distribution per
 *       deployment (totals since it started serving here; percentiles over its sliding window of the
 *       latest requests).</li>
 *   <li>{@link #setReference} — the training reference of a version: rows drawn from its training data,
 *       given by the caller. Drift compares each deployment's window with it.</li>
 *   <li>{@link #drift} — PSI and Kolmogorov–Smirnov per feature and for the predictions.</li>
 *   <li>{@link #check} — evaluates the {@link AlertRules} now and notifies the {@link AlertListener}s,
 *       with de-duplication and a cool-down measured on the registry's clock.</li>
 *   <li>{@link #recordOutcome} — what actually happened for a request an endpoint served; and
 *       {@link #liveAccuracy} — RMSE, MAE, hit rate and IC per version on those outcomes, next to its
 *       evaluation's figures. {@link #check} also raises the live-accuracy decay alerts of
 *       {@link AccuracyRules}.</li>
 * </ul>
 * Metrics are kept in memory: they start from zero when the registry is reopened. {@link #aggregate} adds up
 * the mergeable part of them (counts and latency buckets) across every registry process that shares the
 * registry's database, from what each process writes there about every second. Predictions served
 * with a request id and their outcomes are kept in the registry database, so outcomes and live accuracy
 * survive a reopen (within the outcome retention).
 *
 * <p>Implementations are thread-safe.
 */
public interface Monitoring {

    /**
     * The metrics of every deployment serving an environment, stable first.
     *
     * @param environment the environment's name
     * @return one entry per deployment; empty when nothing is deployed
     * @throws dev.modelregistry.api.InvalidNameException if the environment name is invalid
     */
    List<VersionMetrics> snapshot(String environment);

    /**
     * Sets the training reference of a version: rows from its training data, in the model's feature
     * order. Replaces an earlier reference. The same rows are scored once by the version to give the
     * reference of its predictions.
     *
     * @param version the version the rows describe
     * @param rows at least 10 rows, all of one width; copied
     * @param featureNames one name per column
     * @throws dev.modelregistry.api.InvalidArgumentException if the rows are too few, ragged, or do not
     *     match the names
     */
    void setReference(ModelRef.Numbered version, double[][] rows, List<String> featureNames);

    /**
     * Sets the rules {@link #check} applies from now on.
     *
     * @param rules the thresholds
     */
    void setRules(AlertRules rules);

    /**
     * The rules in force: {@link AlertRules#defaults()} until {@link #setRules} is called.
     *
     * @return the rules
     */
    AlertRules rules();

    /**
     * Adds a listener that hears every alert {@link #check} raises from now on. Idempotent for the same
     * instance.
     *
     * @param listener the listener
     */
    void addListener(AlertListener listener);

    /**
     * Removes a listener.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    boolean removeListener(AlertListener listener);

    /**
     * The drift of each deployment in an environment whose version has a reference, against that
     * reference, over the deployment's sliding window.
     *
     * @param environment the environment's name
     * @return one report per deployment with a reference and at least two requests in its window
     * @throws dev.modelregistry.api.InvalidNameException if the environment name is invalid
     */
    List<DriftReport> drift(String environment);

    /**
     * Evaluates the alert rules on every deployment of an environment now and notifies the listeners of
     * the alerts that pass de-duplication: the same rule on the same subject of the same deployment is
     * repeated only after the cool-down, or at once when its severity rises.
     *
     * @param environment the environment's name
     * @return the alerts notified, possibly none
     * @throws dev.modelregistry.api.InvalidNameException if the environment name is invalid
     */
    List<Alert> check(String environment);

    /**
     * Records what actually happened for a request an endpoint served ({@link
     * dev.modelregistry.api.deployment.Endpoint#serve}), typically one period later. The outcome is
     * committed to the registry database before this returns. Works across a close and reopen and from
     * another registry instance on the same directory, for as long as the outcome retention keeps the
     * prediction.
     *
     * <p>What survives a crash: a prediction is written in batches off the serving thread, at the latest
     * a fraction of a second after it was served (and before any {@code recordOutcome} of this registry
     * instance looks it up, and on close). Predictions served within that interval before a crash of the
     * process are lost, and their outcomes are refused with {@link RequestNotFoundException}. A recorded
     * outcome is never lost once this method returned.
     *
     * <p>Recording the same outcome twice is harmless (idempotent, returns false); recording a different
     * outcome for a request that already has one is refused.
     *
     * @param requestId the id of the {@link dev.modelregistry.api.deployment.Prediction}
     * @param actual the realised value (for a return model, the realised return), finite
     * @return true if recorded now, false if exactly this outcome was already recorded
     * @throws dev.modelregistry.api.InvalidArgumentException if the id is not a request id, or
     *     {@code actual} is NaN or infinite
     * @throws RequestNotFoundException if no prediction with that id is kept: never issued, expired by
     *     the retention, or lost in a crash
     * @throws dev.modelregistry.api.ConflictException if a different outcome is already recorded for it
     * @throws dev.modelregistry.api.RegistryClosedException if the registry is closed
     */
    boolean recordOutcome(String requestId, double actual);

    /**
     * The live accuracy of each version that served an environment, over the window of the rules in
     * force ({@link AlertRules#accuracy()}): its most recent predictions with recorded outcomes, served
     * within the window's age. Read from the registry database, so it includes predictions served before
     * a reopen and by other processes.
     *
     * @param environment the environment's name
     * @return one entry per version with at least one outcome in the window, by model name, then version
     * @throws dev.modelregistry.api.InvalidNameException if the environment name is invalid
     */
    List<LiveAccuracy> liveAccuracy(String environment);

    /**
     * The request counts of an environment summed over every registry process sharing this registry's
     * database (several processes on one directory, or several hosts on one PostgreSQL database), plus
     * each process's own rows with their age.
     *
     * <p>Each process keeps its counters in memory, as for {@link #snapshot}, and writes them to the
     * database about every second while it serves, and once more when it closes; this call first writes
     * this process's current counts, so its own contribution is never stale. Another process's rows are
     * as old as {@link HostMetrics#age()} says: a host that closed or crashed keeps contributing its last
     * counts (with a growing age) until the retention drops them, 7 days after they were taken.
     *
     * <p>Only counts that can be added up are aggregated: requests, errors and {@link LatencyBuckets
     * latency bucket counts}, totals since each deployment started serving on its host. Latency
     * percentiles are estimated from the merged buckets and are bucket upper bounds. The prediction
     * distribution and drift are not aggregated: they are computed over each process's sliding window,
     * and percentiles of windows cannot be merged; read them per process from {@link #snapshot} and
     * {@link #drift}.
     *
     * @param environment the environment's name
     * @return the sum per version and the rows per host; both empty when no process served it
     * @throws dev.modelregistry.api.InvalidNameException if the environment name is invalid
     * @throws dev.modelregistry.api.RegistryClosedException if the registry is closed
     */
    AggregateMetrics aggregate(String environment);
}
