package dev.modelregistry.api.monitoring;

/**
 * Receives alerts. Called on the thread that ran the check; an exception a listener throws is logged
 * and does not stop other listeners. Implementations must be thread-safe when checks run on several
 * threads (for example on the registry's scheduler and by hand).
 */
@FunctionalInterface
public interface AlertListener {
    /**
     * One alert, already de-duplicated: the same rule on the same subject of the same deployment is
     * not repeated within the cool-down unless its severity rose.
     *
     * @param alert the alert, never null
     */
    void onAlert(Alert alert);
}
