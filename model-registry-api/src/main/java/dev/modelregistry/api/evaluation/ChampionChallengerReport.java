package dev.modelregistry.api.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The same data through the champion and the challenger.
 *
 * <p>Immutable and thread-safe.
 *
 * @param champion the champion's report
 * @param challenger the challenger's report
 * @param deltas per-metric deltas, sorted by metric name
 * @param dieboldMariano the significance test of the loss difference
 * @param agreement how alike the two predict
 * @param scoreGain the challenger's composite score minus the champion's; empty if either is undefined
 * @param decision whether the challenger should replace the champion, with every rule
 */
public record ChampionChallengerReport(EvaluationReport champion, EvaluationReport challenger,
        List<MetricComparison> deltas, DieboldMariano dieboldMariano, Agreement agreement, OptionalDouble scoreGain,
        Decision decision) {
    /**
     * Checks and copies the fields.
     *
     * @param champion not null
     * @param challenger not null
     * @param deltas not null
     * @param dieboldMariano not null
     * @param agreement not null
     * @param scoreGain not null
     * @param decision not null
     */
    public ChampionChallengerReport {
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        deltas = List.copyOf(deltas);
        Objects.requireNonNull(dieboldMariano, "dieboldMariano");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(scoreGain, "scoreGain");
        Objects.requireNonNull(decision, "decision");
    }
}
