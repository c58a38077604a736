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
 * </ul>
 * Metrics are kept in memory: they start from zero when the registry is reopened.
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
}
