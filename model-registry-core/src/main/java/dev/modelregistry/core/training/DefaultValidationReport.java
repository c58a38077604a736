package dev.modelregistry.core.training;

import dev.modelregistry.core.internal.Stats;
import dev.modelregistry.api.training.service.FoldResult;
import dev.modelregistry.api.training.service.ValidationReport;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@link ValidationReport} {@link DefaultTrainingService#validate} returns: the folds, with mean and
 * standard deviation computed by {@link Stats}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param trainerId the trainer validated
 * @param folds the folds, in order
 */
record DefaultValidationReport(String trainerId, List<FoldResult> folds) implements ValidationReport {
    DefaultValidationReport {
        Objects.requireNonNull(trainerId, "trainerId");
        folds = List.copyOf(folds);
    }

    @Override
    public Map<String, Double> mean() {
        Map<String, Double> out = new TreeMap<>();
        for (String m : metricNames()) {
            out.put(m, Stats.mean(values(m)).orElse(Double.NaN));
        }
        return out;
    }

    @Override
    public Map<String, Double> std() {
        Map<String, Double> out = new TreeMap<>();
        for (String m : metricNames()) {
            out.put(m, Stats.sampleStd(values(m)).orElse(0));
        }
        return out;
    }

    private Set<String> metricNames() {
        return folds.isEmpty() ? Set.of() : new TreeSet<>(folds.get(0).metrics().keySet());
    }

    private double[] values(String metric) {
        return folds.stream().mapToDouble(f -> f.metrics().getOrDefault(metric, Double.NaN)).toArray();
    }
}
