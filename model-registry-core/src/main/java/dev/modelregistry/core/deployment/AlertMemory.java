package dev.modelregistry.core.deployment;

import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.AlertRules;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What monitoring remembers between checks: each deployment's latency baseline, and the last alert of
 * each key (environment, deployment, rule, subject) for de-duplication. The rules that read and update it
 * are {@link AlertJudge#nextBaseline} and {@link AlertJudge#admits}. In memory, for the deployer's life.
 * Thread-safe: each update is atomic per key.
 */
final class AlertMemory {
    private final Map<Long, Double> baselines = new ConcurrentHashMap<>();
    private final Map<String, Alert> fired = new ConcurrentHashMap<>();

    /** A deployment's latency baseline in nanoseconds, NaN before its first judged window. */
    double baseline(long deploymentId) {
        return baselines.getOrDefault(deploymentId, Double.NaN);
    }

    /** Moves a deployment's baseline towards a p95 sample. */
    void learn(long deploymentId, double sample) {
        baselines.merge(deploymentId, sample, AlertJudge::nextBaseline);
    }

    /**
     * Whether an alert passes de-duplication; if it does, it becomes its key's last alert.
     *
     * @param alert the alert raised
     * @param rules the rules in force (their cool-down)
     * @return whether to notify it
     */
    boolean admit(Alert alert, AlertRules rules) {
        String key = alert.environment() + '\0' + alert.deploymentId() + '\0' + alert.rule() + '\0' + alert.subject();
        boolean[] admitted = new boolean[1];
        fired.compute(key, (k, last) -> {
            if (AlertJudge.admits(Optional.ofNullable(last), alert, rules)) {
                admitted[0] = true;
                return alert;
            }
            return last;
        });
        return admitted[0];
    }
}
