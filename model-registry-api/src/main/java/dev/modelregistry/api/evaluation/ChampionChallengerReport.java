package dev.modelregistry.api.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The same data through the champion and the challenger.
 *
 * <p>Immutable and thread-safe.
 *
 * @param champion the champion's report
 * @param challenger the challenger's report
 * @param deltas per-metric deltas, sorted by metric name
 * @param dieboldMariano the significance test of the loss difference that the decision uses: over dates
 *     on a panel ({@link DieboldMariano.Aggregation#DATE_MEANS}), over rows otherwise
 * @param agreement how alike the two predict
 * @param scoreGain the challenger's composite score minus the champion's; empty if either is undefined
 * @param decision whether the challenger should replace the champion, with every rule
 * @param stackedDieboldMariano on a panel, the naive test over stacked rows (as if independent), to set
 *     beside the per-date one; empty otherwise
 */
public record ChampionChallengerReport(EvaluationReport champion, EvaluationReport challenger,
        List<MetricComparison> deltas, DieboldMariano dieboldMariano, Agreement agreement, OptionalDouble scoreGain,
        Decision decision, Optional<DieboldMariano> stackedDieboldMariano) {
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
     * @param stackedDieboldMariano null only when read from a report stored before it existed (then empty)
     */
    public ChampionChallengerReport {
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        deltas = List.copyOf(deltas);
        Objects.requireNonNull(dieboldMariano, "dieboldMariano");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(scoreGain, "scoreGain");
        Objects.requireNonNull(decision, "decision");
        if (stackedDieboldMariano == null) {
            stackedDieboldMariano = Optional.empty();
        }
    }

    /**
     * A report of rows that are not a panel (no stacked test beside the main one).
     *
     * @param champion the champion's report
     * @param challenger the challenger's report
     * @param deltas per-metric deltas
     * @param dieboldMariano the significance test
     * @param agreement how alike the two predict
     * @param scoreGain the score gain
     * @param decision the decision
     */
    public ChampionChallengerReport(EvaluationReport champion, EvaluationReport challenger,
            List<MetricComparison> deltas, DieboldMariano dieboldMariano, Agreement agreement,
            OptionalDouble scoreGain, Decision decision) {
        this(champion, challenger, deltas, dieboldMariano, agreement, scoreGain, decision, Optional.empty());
    }
}
