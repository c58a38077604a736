package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ModelRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Deploys versions to named environments ({@code production}, {@code staging}, or any valid name),
 * moves them through their life cycle and hands out the {@link Endpoint} that serves each environment.
 *
 * <p>An environment has at most one stable version ({@link DeploymentState#ACTIVE} or
 * {@link DeploymentState#PROMOTED}) and at most one candidate beside it (a
 * {@link DeploymentState#CANARY}, a {@link DeploymentState#SHADOW} or a blue-green
 * {@link DeploymentState#PENDING}). Every action is one transaction that also writes its history
 * event and its audit row; an action that is not legal in the current state throws
 * {@link IllegalTransitionException} and changes nothing. State and history survive closing and
 * reopening the registry, and so does routing.
 *
 * <p>Implementations are thread-safe.
 */
public interface Deployer {

    /**
     * Deploys a version to an environment. The version's artifact is loaded and verified first; a
     * corrupt artifact is refused with {@link dev.modelregistry.api.IntegrityException}.
     * {@link DeploymentStrategy#REPLACE} (or any strategy in an empty environment) makes it the stable
     * version, retiring the previous one and any candidate; the others add it as the candidate.
     *
     * @param version the version ({@code name}, {@code name/3} or {@code name@alias}), resolved now
     * @param environment the environment's name
     * @param spec how to deploy
     * @return the new deployment
     * @throws IllegalTransitionException if a candidate already runs beside the stable version
     * @throws dev.modelregistry.api.NotFoundException if the version does not resolve
     * @throws dev.modelregistry.api.InvalidArgumentException if the model does not predict
     * @throws dev.modelregistry.api.InvalidNameException if the environment name is invalid
     * @throws EvaluationGateException if the environment requires a passing evaluation and the version's stored
     *         recommendation is REJECT or missing, and the spec carries no override
     */
    Deployment deploy(ModelRef version, String environment, DeploymentSpec spec);

    /**
     * Makes an environment's candidate its stable version ({@link DeploymentState#PROMOTED}); the old
     * stable version is retired.
     *
     * @param environment the environment's name
     * @return the promoted deployment
     * @throws IllegalTransitionException if no candidate runs
     * @throws DeploymentNotFoundException if nothing is deployed there
     * @throws EvaluationGateException if the environment requires a passing evaluation and the candidate's stored
     *         recommendation is REJECT or missing, and its deployment carried no override
     */
    Deployment promote(String environment);

    /**
     * Changes the traffic share of an environment's canary. Raising it never moves a sticky key that
     * is already on the canary.
     *
     * @param environment the environment's name
     * @param percent the new share, 1 to 100
     * @return the canary
     * @throws IllegalTransitionException if no canary runs
     * @throws dev.modelregistry.api.InvalidArgumentException if the share is out of range
     */
    Deployment setCanaryWeight(String environment, int percent);

    /**
     * Undoes the last step in one call: a running candidate is rolled back; otherwise the stable
     * version is rolled back and the previous stable version serves again.
     *
     * @param environment the environment's name
     * @param reason why, recorded in the history and the audit trail
     * @return the stable deployment serving now
     * @throws IllegalTransitionException if there is no candidate and no previous stable version
     * @throws DeploymentNotFoundException if nothing is deployed there
     */
    Deployment rollback(String environment, String reason);

    /**
     * Like {@link #rollback(String, String)} with the reason {@code manual}.
     *
     * @param environment the environment's name
     * @return the stable deployment serving now
     */
    default Deployment rollback(String environment) {
        Objects.requireNonNull(environment, "environment");
        return rollback(environment, "manual");
    }

    /**
     * Stops serving an environment: every deployment in it is retired.
     *
     * @param environment the environment's name
     * @throws DeploymentNotFoundException if nothing is deployed there
     */
    void undeploy(String environment);

    /**
     * The deployments serving now (stable versions and candidates), ordered by environment, then stable
     * before candidate.
     *
     * @return the deployments
     */
    List<Deployment> deployments();

    /**
     * The deployments serving an environment now, stable first.
     *
     * @param environment the environment's name
     * @return the deployments; empty when nothing is deployed
     */
    List<Deployment> deployments(String environment);

    /**
     * Everything that happened in an environment, oldest first.
     *
     * @param environment the environment's name
     * @return the events; empty if nothing was ever deployed there
     */
    List<DeploymentEvent> history(String environment);

    /**
     * Judges an environment's canary by its policy now and acts on the verdict (steps up, promotes or
     * rolls back, recording why in the history).
     *
     * @param environment the environment's name
     * @return the verdict
     */
    CanaryVerdict analyze(String environment);

    /**
     * What {@link #analyze} would decide for an environment now, without acting on it: read-only. It changes
     * nothing: no deployment, no traffic share, no history or audit entry, and not the counts canary analysis
     * judges (the requests since its last decision), so calling it any number of times leaves the next
     * {@code analyze} exactly as it would have been. Where this process serves nothing in the environment yet,
     * the verdict is about no traffic (normally {@link CanaryVerdict.Decision#WAIT}) and no model is loaded
     * to give it.
     *
     * @param environment the environment's name
     * @return the verdict {@code analyze} would return now; {@link CanaryVerdict.Decision#NOTHING_TO_ANALYZE}
     *         if no canary with a policy runs there
     * @throws dev.modelregistry.api.InvalidNameException if the environment name is invalid
     */
    CanaryVerdict assess(String environment);

    /**
     * Runs {@link #analyze} on every environment used in this process at a fixed rate, together with the
     * implementation's monitoring checks if it has any, until the deployer is closed. The first run is one
     * period from now. Failures are logged and do not stop the schedule. Calling it again replaces the
     * schedule.
     *
     * @param every the period, positive
     * @throws dev.modelregistry.api.InvalidArgumentException if the period is not positive
     * @throws dev.modelregistry.api.RegistryClosedException if the deployer is closed
     */
    void scheduleChecks(Duration every);

    /**
     * The endpoint of an environment. The same environment always gives an endpoint that follows its
     * current deployments; predicting while nothing is deployed throws {@link DeploymentNotFoundException}.
     *
     * @param environment the environment's name
     * @return the endpoint
     * @throws dev.modelregistry.api.InvalidNameException if the environment name is invalid
     */
    Endpoint endpoint(String environment);
}
