package dev.modelregistry.core.deployment;

import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.AlertListener;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to the listeners, on the calling thread. A listener that throws is logged and does not
 * keep the others from hearing the alert. Thread-safe.
 */
final class AlertNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);

    private final CopyOnWriteArrayList<AlertListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; idempotent for the same instance. */
    void add(AlertListener listener) {
        listeners.addIfAbsent(listener);
    }

    boolean remove(AlertListener listener) {
        return listeners.remove(listener);
    }

    void deliver(Alert alert) {
        for (AlertListener l : listeners) {
            try {
                l.onAlert(alert);
            } catch (RuntimeException e) {
                LOG.warn("alert listener {} failed on {}", l, alert, e);
            }
        }
    }
}
