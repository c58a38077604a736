package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ModelRef;
import java.util.List;

/**
 * Deploys versions to environments and serves them.
 *
 * <p>Implementations are thread-safe.
 */
public interface Deployer {

    /**
     * Deploys a version to an environment. A version whose artifact fails verification is refused.
     *
     * @param version the version
     * @param environment the environment's name
     * @param spec how to deploy
     * @return the deployment
     */
    Deployment deploy(ModelRef version, String environment, DeploymentSpec spec);

    /**
     * Makes an environment's canary its stable version.
     *
     * @param environment the environment's name
     * @return the promoted deployment
     */
    Deployment promote(String environment);

    /**
     * Returns an environment to its previous stable version.
     *
     * @param environment the environment's name
     * @return the deployment serving now
     */
    Deployment rollback(String environment);

    /**
     * Stops serving an environment.
     *
     * @param environment the environment's name
     */
    void undeploy(String environment);

    /**
     * The deployments serving now.
     *
     * @return the deployments, by environment
     */
    List<Deployment> deployments();

    /**
     * The endpoint of an environment.
     *
     * @param environment the environment's name
     * @return the endpoint
     */
    Endpoint endpoint(String environment);
}
