package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.evaluation.ClassificationMetrics;
import dev.modelregistry.api.evaluation.Decision;
import dev.modelregistry.api.evaluation.DieboldMariano;
import dev.modelregistry.api.evaluation.Gates;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.evaluation.RegressionMetrics;
import dev.modelregistry.api.evaluation.RuleOutcome;
import dev.modelregistry.api.evaluation.RuleOutcome.Bound;
import dev.modelregistry.api.evaluation.RuleOutcome.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Turns metrics and gates into a recommendation, keeping every rule. The order of precedence:
 * <ol>
 *   <li>a hard rule FAILED → REJECT;</li>
 *   <li>a guard ({@code guard_…}: a leak, an implausible metric, or rows the model trained on) FAILED → HOLD,
 *       whatever else passed;</li>
 *   <li>a rule UNDEFINED (its value could not be computed) → HOLD;</li>
 *   <li>the challenger's score gain FAILED → HOLD (not better);</li>
 *   <li>a soft rule FAILED (hit rate or Diebold–Mariano not significant) → CANARY;</li>
 *   <li>otherwise → PROMOTE.</li>
 * </ol>
 * Stateless, thread-safe.
 */
final class RecommendationEngine {
    static final String SCORE_GAIN = "min_score_gain";

    private RecommendationEngine() {
    }

    /**
     * The rules for one model on its own: the sample count, then the domains' rules, which on a regression
     * stand in for the generic R² gate, then ROC-AUC for a classification, then the leak and in-sample guards.
     */
    static List<RuleOutcome> rules(Gates g, int count, Optional<RegressionMetrics> regression,
            Optional<ClassificationMetrics> classification, List<RuleOutcome> domainRules,
            List<RuleOutcome> guardRules) {
        List<RuleOutcome> rules = new ArrayList<>();
        rules.add(RuleOutcome.check("min_samples", true, Bound.AT_LEAST, g.minSamples(), OptionalDouble.of(count)));
        rules.addAll(domainRules);
        if (domainRules.isEmpty() && regression.isPresent()) {
            rules.add(RuleOutcome.check("min_r2", true, Bound.AT_LEAST, g.minR2(), regression.get().r2()));
        }
        classification.ifPresent(c -> rules.add(RuleOutcome.check("min_roc_auc", true, Bound.AT_LEAST, g.minRocAuc(),
                c.rocAuc())));
        rules.addAll(guardRules);
        return rules;
    }

    /** The rules for a challenger against the champion: its own rules, prefixed, plus the comparison. */
    static List<RuleOutcome> comparisonRules(Gates g, List<RuleOutcome> challengerRules, DieboldMariano dm,
            OptionalDouble scoreGain) {
        List<RuleOutcome> rules = new ArrayList<>();
        for (RuleOutcome r : challengerRules) {
            rules.add(new RuleOutcome("challenger." + r.rule(), r.hard(), r.bound(), r.threshold(), r.observed(),
                    r.status()));
        }
        rules.add(RuleOutcome.check("dm_challenger_not_worse", true, Bound.GREATER_THAN, g.maxDmPValue(),
                dm.pValueChallengerWorse()));
        rules.add(RuleOutcome.check(SCORE_GAIN, false, Bound.AT_LEAST, g.minScoreGain(), scoreGain));
        rules.add(RuleOutcome.check("dm_challenger_better", false, Bound.AT_MOST, g.maxDmPValue(),
                dm.pValueChallengerBetter()));
        return rules;
    }

    static Decision decide(List<RuleOutcome> rules) {
        List<RuleOutcome> hardFailed = filter(rules, r -> r.hard() && r.status() == Status.FAILED);
        if (!hardFailed.isEmpty()) {
            return new Decision(Recommendation.REJECT, "failed " + describe(hardFailed), rules);
        }
        List<RuleOutcome> guarded = filter(rules, r -> LeakGuards.isGuard(r) && r.status() == Status.FAILED);
        if (!guarded.isEmpty()) {
            return new Decision(Recommendation.HOLD, "suspicious, at best HOLD: guard failed " + describe(guarded),
                    rules);
        }
        List<RuleOutcome> undefined = filter(rules, r -> r.status() == Status.UNDEFINED);
        if (!undefined.isEmpty()) {
            return new Decision(Recommendation.HOLD, "cannot decide: undefined " + describe(undefined), rules);
        }
        List<RuleOutcome> noGain = filter(rules, r -> r.rule().equals(SCORE_GAIN) && r.status() == Status.FAILED);
        if (!noGain.isEmpty()) {
            return new Decision(Recommendation.HOLD, "not better: " + describe(noGain), rules);
        }
        List<RuleOutcome> softFailed = filter(rules, r -> !r.hard() && r.status() == Status.FAILED);
        if (!softFailed.isEmpty()) {
            return new Decision(Recommendation.CANARY, "every hard gate passed but not significant: "
                    + describe(softFailed), rules);
        }
        return new Decision(Recommendation.PROMOTE, "every rule passed: " + describe(rules), rules);
    }

    private static List<RuleOutcome> filter(List<RuleOutcome> rules, java.util.function.Predicate<RuleOutcome> p) {
        return rules.stream().filter(p).toList();
    }

    private static String describe(List<RuleOutcome> rules) {
        return rules.stream().map(r -> r.rule() + " (observed "
                + (r.observed().isPresent() ? fourSignificantDigits(r.observed().getAsDouble()) : "undefined")
                + ", required " + symbol(r.bound()) + " " + r.threshold() + ")").collect(Collectors.joining(", "));
    }

    /** "0.3517" rather than "0.351656": a reason is read by a person, and the exact value is in the rules. */
    private static String fourSignificantDigits(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }

    private static String symbol(Bound b) {
        return switch (b) {
            case AT_LEAST -> ">=";
            case AT_MOST -> "<=";
            case GREATER_THAN -> ">";
        };
    }
}
