package dev.modelregistry.server.dashboard;

import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.AlertListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The alerts raised while this server runs, newest first, at most {@code capacity} of them: the registry
 * keeps no alert history, and the dashboard's Alerts page shows the past ones beside those open now.
 *
 * <p>Thread-safe: the listener runs on whatever thread checks the rules.
 */
final class AlertLog implements AlertListener {
    private final int capacity;
    private final Deque<Alert> alerts = new ArrayDeque<>();

    AlertLog(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void onAlert(Alert alert) {
        alerts.addFirst(alert);
        while (alerts.size() > capacity) {
            alerts.removeLast();
        }
    }

    synchronized List<Alert> recent() {
        return new ArrayList<>(alerts);
    }
}
