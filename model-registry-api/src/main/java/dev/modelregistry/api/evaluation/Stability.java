package dev.modelregistry.api.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * Stability: metrics per fold, their dispersion, and sensitivity to input noise.
 *
 * <p>Immutable and thread-safe.
 *
 * @param folds the metrics of each fold, in fold order
 * @param dispersion the dispersion of each metric, sorted by name
 * @param perturbation the sensitivity to input noise; empty when evaluating predictions without a model,
 *     or when turned off
 */
public record Stability(List<FoldMetrics> folds, List<MetricDispersion> dispersion,
        Optional<Perturbation> perturbation) {
    /**
     * Copies the lists.
     *
     * @param folds the folds
     * @param dispersion the dispersion
     * @param perturbation the sensitivity
     */
    public Stability {
        folds = List.copyOf(folds);
        dispersion = List.copyOf(dispersion);
        perturbation = perturbation == null ? Optional.empty() : perturbation;
    }

    /**
     * The dispersion of one metric.
     *
     * @param metric the metric name
     * @return its dispersion, or empty if no fold defines it
     */
    public Optional<MetricDispersion> of(String metric) {
        return dispersion.stream().filter(d -> d.metric().equals(metric)).findFirst();
    }
}
