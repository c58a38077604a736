package dev.modelregistry.core.training;

import dev.modelregistry.core.internal.Stats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-fold metrics with their mean and standard deviation across folds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param trainerId the trainer validated
 * @param folds the folds, in order
 */
public record ValidationReport(String trainerId, List<FoldResult> folds) {
    /**
     * Copies the folds.
     *
     * @param trainerId the trainer
     * @param folds the folds
     */
    public ValidationReport {
        folds = List.copyOf(folds);
    }

    /**
     * The mean of each metric across folds.
     *
     * @return metric name to mean
     */
    public Map<String, Double> mean() {
        Map<String, Double> out = new TreeMap<>();
        for (String m : metricNames()) {
            out.put(m, Stats.mean(values(m)).orElse(Double.NaN));
        }
        return out;
    }

    /**
     * The standard deviation of each metric across the folds that report it (sample, n − 1; 0 when only
     * one fold reports it).
     *
     * @return metric name to standard deviation
     */
    public Map<String, Double> std() {
        Map<String, Double> out = new TreeMap<>();
        for (String m : metricNames()) {
            out.put(m, Stats.sampleStd(values(m)).orElse(0));
        }
        return out;
    }

    private java.util.Set<String> metricNames() {
        return folds.isEmpty() ? java.util.Set.of() : new java.util.TreeSet<>(folds.get(0).metrics().keySet());
    }

    private double[] values(String metric) {
        return folds.stream().mapToDouble(f -> f.metrics().getOrDefault(metric, Double.NaN)).toArray();
    }
}
