package dev.modelregistry.core.training;

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
            out.put(m, Stats.mean(values(m)));
        }
        return out;
    }

    /**
     * The standard deviation of each metric across folds (sample, n − 1; 0 for one fold).
     *
     * @return metric name to standard deviation
     */
    public Map<String, Double> std() {
        Map<String, Double> out = new TreeMap<>();
        for (String m : metricNames()) {
            double[] v = values(m);
            out.put(m, v.length < 2 ? 0 : Math.sqrt(Stats.variance(v) * v.length / (v.length - 1)));
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
