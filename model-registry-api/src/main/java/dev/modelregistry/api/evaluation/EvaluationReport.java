package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.training.Task;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The outcome of an evaluation. Values that cannot be computed are empty, never NaN.
 *
 * <p>Immutable and thread-safe.
 *
 * @param task the task evaluated
 * @param count how many rows were scored
 * @param regression regression metrics (regression only)
 * @param classification classification metrics (classification only)
 * @param sections what each domain turned on in the options added (for example {@code market}), by domain
 * @param stability per-fold metrics, their dispersion and input sensitivity
 * @param score the composite score with its inputs
 * @param decision the recommendation for this model on its own, with its rules
 * @param series the series behind the charts
 */
public record EvaluationReport(Task task, int count, Optional<RegressionMetrics> regression,
        Optional<ClassificationMetrics> classification, Map<String, ReportSection> sections, Stability stability,
        CompositeScore score, Decision decision, EvaluationSeries series) {

    /**
     * Checks the fields and copies the sections.
     *
     * @param task not null
     * @param count the rows
     * @param regression not null
     * @param classification not null
     * @param sections not null
     * @param stability not null
     * @param score not null
     * @param decision not null
     * @param series not null
     */
    public EvaluationReport {
        Objects.requireNonNull(task, "task");
        regression = regression == null ? Optional.empty() : regression;
        classification = classification == null ? Optional.empty() : classification;
        sections = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(sections, "sections")));
        Objects.requireNonNull(stability, "stability");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(series, "series");
    }

    /**
     * The section of one type, for example
     * {@code report.section(dev.modelregistry.api.evaluation.market.StockMetrics.class)}.
     *
     * @param type the section's type
     * @param <T> the type
     * @return the section, or empty if no domain of that type was evaluated
     */
    public <T extends ReportSection> Optional<T> section(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return sections.values().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * The defined headline metrics as a flat map, ready for
     * {@link dev.modelregistry.api.version.VersionManager#putMetrics}: {@code rmse}, {@code mae},
     * {@code r2}, {@code mape}, {@code explained_variance}, {@code accuracy}, {@code precision},
     * {@code recall}, {@code f1}, {@code roc_auc}, {@code log_loss}, then the metrics of each
     * section ({@link ReportSection#metrics()}), and {@code score}. Undefined values are left out.
     *
     * @return metric name to finite value, sorted by name
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new TreeMap<>();
        regression.ifPresent(r -> {
            m.put("rmse", r.rmse());
            m.put("mae", r.mae());
            put(m, "r2", r.r2());
            put(m, "mape", r.mape());
            put(m, "explained_variance", r.explainedVariance());
        });
        classification.ifPresent(c -> {
            m.put("accuracy", c.accuracy());
            put(m, "precision", c.precision());
            put(m, "recall", c.recall());
            put(m, "f1", c.f1());
            put(m, "roc_auc", c.rocAuc());
            m.put("log_loss", c.logLoss());
        });
        sections.values().forEach(s -> m.putAll(s.metrics()));
        put(m, "score", score.score());
        m.values().removeIf(v -> !Double.isFinite(v));
        return m;
    }

    private static void put(Map<String, Double> m, String name, OptionalDouble value) {
        value.ifPresent(v -> m.put(name, v));
    }
}
