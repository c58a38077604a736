package dev.modelregistry.api.evaluation;

import java.util.Map;

/**
 * The part of an {@link EvaluationReport} that one domain adds, for example the market metrics of
 * predicted returns. A {@link DomainScorer} computes it; the report keeps it under the scorer's
 * {@linkplain DomainScorer#domain() domain} and reads it back with {@link EvaluationReport#section(Class)}.
 *
 * <p>Implementations are immutable, thread-safe records whose components Jackson can write and read
 * back (so a stored report keeps its sections), with values that cannot be computed left empty, never NaN.
 */
public interface ReportSection {

    /**
     * The headline numbers of this section, merged into {@link EvaluationReport#metrics()} and so into
     * the searchable metrics of a version. Names must not repeat a generic metric's name.
     *
     * @return metric name to value; undefined values left out
     */
    Map<String, Double> metrics();
}
