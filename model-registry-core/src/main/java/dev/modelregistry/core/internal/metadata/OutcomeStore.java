package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.ModelRef;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Where predictions served with a request id and their outcomes are kept: the seam between the deployer's
 * outcome log and the registry database. Every method is one transaction.
 *
 * <p>Implementations are thread-safe.
 */
public interface OutcomeStore {
    /** The role of the stable version's answer. */
    String STABLE = "stable";
    /** The role of the canary's answer. */
    String CANARY = "canary";
    /** The role of a shadow's answer, written after it was scored off the caller's thread. */
    String SHADOW = "shadow";

    /**
     * One deployment's answer to one request.
     *
     * @param requestId the request's id
     * @param deploymentId the deployment that answered
     * @param role {@code stable}, {@code canary} or {@code shadow}
     * @param routingKey the request's routing key, or null
     * @param predicted the answer (a non-finite answer is kept as missing)
     * @param servedAtMillis when it was served, epoch milliseconds
     */
    record Served(String requestId, long deploymentId, String role, String routingKey, double predicted,
            long servedAtMillis) {
        public Served {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * A kept prediction with its outcome.
     *
     * @param version the version that answered
     * @param deploymentId the deployment that answered
     * @param predicted the answer (NaN if it was not finite)
     * @param actual the outcome
     * @param servedAtMillis when it was served
     */
    record Outcome(ModelRef.Numbered version, long deploymentId, double predicted, double actual,
            long servedAtMillis) {
    }

    /** What {@link #record} found. */
    enum Found {
        /** No prediction with the id is kept. */
        NONE,
        /** The outcome was recorded now. */
        RECORDED,
        /** Exactly this outcome was already recorded. */
        SAME,
        /** A different outcome was already recorded. */
        DIFFERENT
    }

    /**
     * The result of {@link #record}.
     *
     * @param found what was found
     * @param existing for {@link Found#SAME} and {@link Found#DIFFERENT}, the outcome recorded earlier
     */
    record Recorded(Found found, OptionalDouble existing) {
    }

    /**
     * Keeps predictions. A request id and deployment already kept is left as it is; a row whose request
     * already has an outcome (a shadow's answer written after the outcome) takes that outcome.
     *
     * @param rows the predictions, in any order
     */
    void append(List<Served> rows);

    /**
     * Keeps {@code pending}, then records an outcome for every kept answer to the request, in one
     * transaction.
     *
     * @param pending predictions not yet kept (possibly including the one looked up)
     * @param requestId the request
     * @param actual the outcome, finite
     * @param atMillis when it is recorded
     * @return what was found
     */
    Recorded record(List<Served> pending, String requestId, double actual, long atMillis);

    /**
     * Per version that served an environment, its most recent predictions with outcomes served at or after
     * a time, oldest first within each version.
     *
     * @param environment the environment
     * @param sinceMillis the earliest serving time
     * @param perVersion the most rows per version
     * @return the rows, grouped by version (model name, then number), oldest first within a version
     */
    List<Outcome> recent(String environment, long sinceMillis, int perVersion);

    /**
     * A deployment's predictions with outcomes served at or after a time, oldest first.
     *
     * @param deploymentId the deployment
     * @param sinceMillis the earliest serving time
     * @return the rows
     */
    List<Outcome> ofDeployment(long deploymentId, long sinceMillis);

    /**
     * Deletes the predictions served before a time, and the oldest beyond a count, each batch in its own
     * transaction so that serving writes are never held up for long.
     *
     * @param beforeMillis delete predictions served before this
     * @param maxRows keep at most this many
     * @param batch the most rows one transaction deletes
     * @return how many rows were deleted
     */
    long deleteExpired(long beforeMillis, long maxRows, int batch);

    /**
     * How many predictions are kept.
     *
     * @return the count
     */
    long count();
}
