package dev.modelregistry.api.deployment;

/**
 * The live entry point of an environment: routes each request to the stable or canary version.
 *
 * <p>Implementations are thread-safe.
 */
public interface Endpoint {

    /**
     * Predicts one row.
     *
     * @param features the feature values, in schema order
     * @param routingKey the key that sticky routing hashes (an asset, a user)
     * @return the prediction of the version the key is routed to
     */
    double predict(double[] features, String routingKey);
}
