package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.evaluation.ClassificationMetrics;
import dev.modelregistry.api.evaluation.CompositeScore;
import dev.modelregistry.api.evaluation.MetricDispersion;
import dev.modelregistry.api.evaluation.RegressionMetrics;
import dev.modelregistry.api.evaluation.ScoreComponent;
import dev.modelregistry.api.evaluation.ScoreWeights;
import dev.modelregistry.api.evaluation.Stability;
import dev.modelregistry.api.evaluation.StockMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** The weighted composite score documented on {@link ScoreWeights}. Stateless, thread-safe. */
final class CompositeScorer {
    private CompositeScorer() {
    }

    static CompositeScore score(ScoreWeights weights, Optional<RegressionMetrics> regression,
            Optional<ClassificationMetrics> classification, Optional<StockMetrics> stock, Stability stability) {
        Map<String, OptionalDouble> inputs = new TreeMap<>();
        if (stock.isPresent()) {
            StockMetrics s = stock.get();
            inputs.put("hit_rate", s.hitRate().rate());
            inputs.put("ic", s.ic().mean());
            inputs.put("sharpe", s.strategy().sharpe());
            inputs.put("max_drawdown", OptionalDouble.of(s.strategy().maxDrawdown()));
        }
        regression.ifPresent(r -> {
            inputs.put("r2", r.r2());
            inputs.put("stability", std(stability, "hit_rate"));
        });
        classification.ifPresent(c -> {
            inputs.put("roc_auc", c.rocAuc());
            inputs.put("accuracy", OptionalDouble.of(c.accuracy()));
            inputs.put("log_loss", OptionalDouble.of(c.logLoss()));
            inputs.put("stability", std(stability, "accuracy"));
        });
        double total = 0;
        for (String name : inputs.keySet()) {
            total += weights.weight(name);
        }
        List<ScoreComponent> components = new ArrayList<>();
        double score = 0;
        for (Map.Entry<String, OptionalDouble> e : inputs.entrySet()) {
            double w = weights.weight(e.getKey());
            double norm = e.getValue().isPresent() ? normalise(e.getKey(), e.getValue().getAsDouble()) : 0;
            double contribution = total > 0 ? w * norm / total : 0;
            score += contribution;
            components.add(new ScoreComponent(e.getKey(), w, e.getValue(), norm, contribution));
        }
        return new CompositeScore(components, total > 0 ? OptionalDouble.of(score) : OptionalDouble.empty());
    }

    static double normalise(String name, double v) {
        return Numbers.clamp01(switch (name) {
            case "hit_rate" -> (v - 0.5) / 0.1;
            case "ic" -> v / 0.1;
            case "sharpe" -> v / 2;
            case "max_drawdown" -> 1 - v / 0.5;
            case "r2" -> v;
            case "stability" -> 1 - v / 0.05;
            case "roc_auc", "accuracy" -> (v - 0.5) / 0.5;
            case "log_loss" -> 1 - v / Math.log(2);
            default -> throw new IllegalArgumentException("unknown component " + name);
        });
    }

    private static OptionalDouble std(Stability stability, String metric) {
        return stability.of(metric).map(MetricDispersion::std).orElse(OptionalDouble.empty());
    }
}
