package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.ClassificationMetrics;
import dev.modelregistry.api.evaluation.CompositeScore;
import dev.modelregistry.api.evaluation.DomainScorer.ScoreInput;
import dev.modelregistry.api.evaluation.MetricDispersion;
import dev.modelregistry.api.evaluation.RegressionMetrics;
import dev.modelregistry.api.evaluation.ScoreComponent;
import dev.modelregistry.api.evaluation.ScoreWeights;
import dev.modelregistry.api.evaluation.Stability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The weighted composite score documented on {@link ScoreWeights}, over the generic components and
 * those the domains add. Stateless, thread-safe.
 */
final class CompositeScorer {
    private CompositeScorer() {
    }

    static CompositeScore score(ScoreWeights weights, Optional<RegressionMetrics> regression,
            Optional<ClassificationMetrics> classification, List<ScoreInput> domainInputs, Stability stability) {
        Map<String, ScoreInput> inputs = new TreeMap<>();
        regression.ifPresent(r -> {
            generic(inputs, weights, "r2", r.r2());
            generic(inputs, weights, "stability", std(stability, "hit_rate"));
        });
        classification.ifPresent(c -> {
            generic(inputs, weights, "roc_auc", c.rocAuc());
            generic(inputs, weights, "accuracy", OptionalDouble.of(c.accuracy()));
            generic(inputs, weights, "log_loss", OptionalDouble.of(c.logLoss()));
            generic(inputs, weights, "stability", std(stability, "accuracy"));
        });
        for (ScoreInput in : domainInputs) {
            if (inputs.putIfAbsent(in.name(), in) != null) {
                throw new InvalidArgumentException("score component '" + in.name() + "' is added twice; a domain's"
                        + " components must not repeat another's");
            }
        }
        double total = 0;
        for (ScoreInput in : inputs.values()) {
            total += in.weight();
        }
        List<ScoreComponent> components = new ArrayList<>();
        double score = 0;
        for (ScoreInput in : inputs.values()) {
            double contribution = total > 0 ? in.weight() * in.normalised() / total : 0;
            score += contribution;
            components.add(new ScoreComponent(in.name(), in.weight(), in.input(), in.normalised(), contribution));
        }
        return new CompositeScore(components, total > 0 ? OptionalDouble.of(score) : OptionalDouble.empty());
    }

    private static void generic(Map<String, ScoreInput> inputs, ScoreWeights weights, String name,
            OptionalDouble value) {
        double norm = value.isPresent() ? normalise(name, value.getAsDouble()) : 0;
        inputs.put(name, new ScoreInput(name, weights.weight(name), value, norm));
    }

    static double normalise(String name, double v) {
        double n = switch (name) {
            case "r2" -> v;
            case "stability" -> 1 - v / 0.05;
            case "roc_auc", "accuracy" -> (v - 0.5) / 0.5;
            case "log_loss" -> 1 - v / Math.log(2);
            default -> throw new IllegalArgumentException("unknown component " + name);
        };
        return Math.max(0, Math.min(1, n));
    }

    private static OptionalDouble std(Stability stability, String metric) {
        return stability.of(metric).map(MetricDispersion::std).orElse(OptionalDouble.empty());
    }
}
