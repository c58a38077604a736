package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ModelRef;
import java.util.List;

/**
 * The live entry point of an environment: routes each request to the stable or the canary version,
 * scores copies of it on a shadow if one runs (off the caller's thread; its answers are recorded,
 * never returned) and records metrics. Switching versions is atomic: a request is answered by the
 * versions that were live when it was routed, and never fails because a switch happened meanwhile.
 *
 * <p>Implementations are thread-safe.
 */
public interface Endpoint {

    /**
     * The environment this endpoint serves.
     *
     * @return the environment's name
     */
    String environment();

    /**
     * Predicts one row, for a caller that will not report the outcome: no request id is issued and
     * nothing is kept for live accuracy. Use {@link #serve} to get a request id.
     *
     * @param features the raw feature values, in the model's feature order
     * @param routingKey the key sticky routing hashes (an asset, a user), or null to route at random
     * @return the prediction of the version the key is routed to
     * @throws DeploymentNotFoundException if nothing is deployed in the environment
     * @throws dev.modelregistry.api.InvalidArgumentException if the row has the wrong width
     * @throws RuntimeException whatever the model throws (recorded as an error)
     */
    default double predict(double[] features, String routingKey) {
        return serve(features, routingKey).value();
    }

    /**
     * Predicts one row, says which version answered, and issues a request id. The prediction is kept
     * (off the caller's thread, in batches) so that its outcome can be recorded later, also after a
     * restart, within the registry's outcome retention; see
     * {@link dev.modelregistry.api.monitoring.Monitoring#recordOutcome}.
     *
     * @param features the raw feature values
     * @param routingKey the routing key, or null
     * @return the prediction, its version and its request id
     * @throws DeploymentNotFoundException if nothing is deployed in the environment
     */
    Prediction serve(double[] features, String routingKey);

    /**
     * Predicts many rows, each routed by its own key, each with its own request id, as {@link #serve}
     * does one by one.
     *
     * @param rows the rows
     * @param routingKeys one key (or null) per row
     * @return one prediction per row, in the rows' order
     * @throws dev.modelregistry.api.InvalidArgumentException if the arrays differ in length
     * @throws DeploymentNotFoundException if nothing is deployed in the environment
     */
    List<Prediction> serveBatch(double[][] rows, String[] routingKeys);

    /**
     * Predicts many rows, each routed by its own key, without request ids (as {@link #predict}).
     *
     * @param rows the rows
     * @param routingKeys one key (or null) per row
     * @return one prediction per row
     * @throws dev.modelregistry.api.InvalidArgumentException if the arrays differ in length
     * @throws DeploymentNotFoundException if nothing is deployed in the environment
     */
    double[] predictBatch(double[][] rows, String[] routingKeys);

    /**
     * Where routing sends a key now, without predicting. With {@link Routing#RANDOM} each call is a
     * fresh random draw.
     *
     * @param routingKey the key, not null
     * @return the version that would answer
     * @throws DeploymentNotFoundException if nothing is deployed in the environment
     */
    ModelRef.Numbered route(String routingKey);
}
