package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import java.util.List;
import java.util.Optional;

/**
 * Where deployments and their history are kept: the seam between {@link DefaultDeployer} and the
 * registry's database (SQLite in the embedded registry). Every {@link #update} runs in one transaction
 * in which each change also writes its history event and its audit row.
 *
 * <p>Implementations are thread-safe.
 */
public interface DeploymentStore {

    /**
     * Every deployment that is not in a final state, ordered by environment, then id.
     *
     * @return the live deployments
     */
    List<Deployment> live();

    /**
     * The live deployments of one environment, stable first (as {@link Changes#live()} orders them).
     *
     * @param environment the environment
     * @return its live deployments, empty if none
     */
    List<Deployment> live(String environment);

    /**
     * Calls {@code wake} soon after any process or host commits a change to deployments, where the database
     * can push that news; a database that cannot returns a handle that does nothing, and its readers poll
     * {@link #lastEventId} alone. A wake-up is a hint to poll sooner, never a replacement for polling: a
     * notification lost while the listening connection was down is caught by the next poll.
     *
     * @param wake what to call, on a thread of the store's; it must not block for long
     * @return stops listening; idempotent
     */
    default AutoCloseable listen(Runnable wake) {
        return () -> { };
    }

    /**
     * The id of the newest history event of any environment, 0 when there is none: it grows with every
     * change any process or host makes, so a reader that polls it learns cheaply that something changed.
     *
     * @return the newest event id
     */
    long lastEventId();

    /**
     * The history of one environment, oldest first.
     *
     * @param environment the environment
     * @return the events, empty if none
     */
    List<DeploymentEvent> history(String environment);

    /**
     * Runs an update of one environment in one transaction: all of its changes commit, or none do.
     * Exceptions thrown by the update roll back and pass through unchanged.
     *
     * @param environment the environment
     * @param update the changes to make
     * @param <T> what the update returns
     * @return what the update returned
     */
    <T> T update(String environment, Update<T> update);

    /**
     * One transaction's changes to one environment.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    interface Update<T> {
        /**
         * Reads the environment and makes changes.
         *
         * @param changes the environment inside the transaction
         * @return a result
         */
        T apply(Changes changes);
    }

    /** The environment inside a transaction. Not thread-safe; valid only during {@link Update#apply}. */
    interface Changes {
        /**
         * The environment's live deployments, as of this transaction, stable first.
         *
         * @return the deployments
         */
        List<Deployment> live();

        /**
         * The stable deployment a stable deployment replaced, if any (whatever its state now).
         *
         * @param stable a stable deployment of this environment
         * @return the one before it
         */
        Optional<Deployment> previousStable(Deployment stable);

        /**
         * Records a new deployment, its history event and audit row.
         *
         * @param version the version
         * @param spec the spec
         * @param state its first state
         * @param weightPercent its traffic share
         * @param previousStable for a stable deployment, the stable one it replaces
         * @param action the action, for the history
         * @param reason why
         * @return the new deployment
         */
        Deployment create(ModelRef.Numbered version, DeploymentSpec spec, DeploymentState state, int weightPercent,
                Optional<Deployment> previousStable, String action, String reason);

        /**
         * Moves a deployment to a state (or weight), writing its history event and audit row.
         *
         * @param deployment the deployment as read in this transaction
         * @param to the new state
         * @param weightPercent the new traffic share
         * @param previousStable for a deployment becoming stable, the stable one it replaces; empty keeps the
         *     recorded one
         * @param action the action
         * @param reason why
         * @return the deployment after the move
         */
        Deployment move(Deployment deployment, DeploymentState to, int weightPercent,
                Optional<Deployment> previousStable, String action, String reason);

        /**
         * Writes an audit row about a version in this environment, in this transaction (for example an
         * override of the evaluation gate), naming the registry's actor.
         *
         * @param operation the operation, such as {@code deployment-evaluation-override}
         * @param version the version the row is about
         * @param before what held before (what was overridden)
         * @param after what holds now (why)
         */
        void audit(String operation, ModelRef.Numbered version, String before, String after);
    }
}
