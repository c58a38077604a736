package dev.modelregistry.api.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * A recommendation with the rules that decided it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param recommendation what to do
 * @param reason one sentence naming the deciding rules
 * @param rules every rule checked, in order, with threshold and observed value
 */
public record Decision(Recommendation recommendation, String reason, List<RuleOutcome> rules) {
    /**
     * Checks and copies the fields.
     *
     * @param recommendation not null
     * @param reason not null
     * @param rules not null
     */
    public Decision {
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(reason, "reason");
        rules = List.copyOf(rules);
    }
}
