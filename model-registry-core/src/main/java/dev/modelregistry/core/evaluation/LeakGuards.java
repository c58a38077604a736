package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.evaluation.Guards;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.RuleOutcome;
import dev.modelregistry.api.evaluation.RuleOutcome.Bound;
import dev.modelregistry.core.internal.Stats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leak and in-sample guards of {@link Guards}: pure checks of the rows that return soft rules named
 * {@code guard_…}, each tripped one logged at WARN with the feature or the overlap that tripped it. A guard
 * whose inputs are missing (no features, no times, no training range) adds no rule. Stateless, thread-safe.
 */
final class LeakGuards {
    static final String PREFIX = "guard_";
    static final String FEATURE_LABEL = "guard_feature_label_correlation";
    static final String CONTEMPORANEOUS = "guard_contemporaneous_feature";
    static final String IN_SAMPLE = "guard_in_sample_overlap";
    private static final Logger LOG = LoggerFactory.getLogger(LeakGuards.class);

    private LeakGuards() {
    }

    /** Whether a rule, perhaps prefixed as a challenger's, is a guard. */
    static boolean isGuard(RuleOutcome r) {
        String name = r.rule();
        return name.substring(name.lastIndexOf('.') + 1).startsWith(PREFIX);
    }

    /**
     * Checks the rows.
     *
     * @param p the rows, with features and dates if known
     * @param guards the settings
     * @param fingerprint the evaluation data's fingerprint, if known
     */
    static List<RuleOutcome> check(Predictions p, Guards guards, Optional<String> fingerprint) {
        List<RuleOutcome> rules = new ArrayList<>();
        if (!guards.enabled()) {
            return rules;
        }
        double[] label = p.actual();
        Optional<List<String>> names = p.featureNames();
        if (names.isPresent() && !names.get().isEmpty()) {
            int[] lag = lagOne(p);
            String worstName = null;
            double worst = -1;
            String worstLagName = null;
            double worstLag = -1;
            double worstLag0 = 0;
            double worstLag1 = 0;
            for (int c = 0; c < names.get().size(); c++) {
                double[] x = p.featureColumn(c).orElseThrow();
                double corr = Math.max(abs(Stats.pearson(x, label)), abs(Stats.spearman(x, label)));
                if (corr > worst) {
                    worst = corr;
                    worstName = names.get().get(c);
                }
                double[][] pairs = lagged(x, label, lag);
                if (pairs[0].length > 2) {
                    double lag0 = abs(Stats.pearson(pairs[0], pairs[2]));
                    double lag1 = abs(Stats.pearson(pairs[1], pairs[2]));
                    if (lag0 - lag1 > worstLag) {
                        worstLag = lag0 - lag1;
                        worstLagName = names.get().get(c);
                        worstLag0 = lag0;
                        worstLag1 = lag1;
                    }
                }
            }
            if (worst >= 0) {
                RuleOutcome r = RuleOutcome.check(FEATURE_LABEL, false, Bound.AT_MOST,
                        guards.maxFeatureLabelCorrelation(), OptionalDouble.of(worst));
                rules.add(r);
                if (r.status() == RuleOutcome.Status.FAILED) {
                    LOG.warn("leak guard {}: feature '{}' correlates {} with the label (ceiling {}); it is probably"
                            + " the label or computed from it", FEATURE_LABEL, worstName, fmt(worst),
                            guards.maxFeatureLabelCorrelation());
                }
            }
            if (worstLag > -1) {
                RuleOutcome r = RuleOutcome.check(CONTEMPORANEOUS, false, Bound.AT_MOST, guards.maxLagAdvantage(),
                        OptionalDouble.of(worstLag));
                rules.add(r);
                if (r.status() == RuleOutcome.Status.FAILED) {
                    LOG.warn("leak guard {}: feature '{}' has |corr| {} with the label at lag 0 but {} at lag 1"
                            + " (advantage ceiling {}); it holds information from the label's own period",
                            CONTEMPORANEOUS, worstLagName, fmt(worstLag0), fmt(worstLag1), guards.maxLagAdvantage());
                }
            }
        }
        inSample(p, guards, fingerprint).ifPresent(rules::add);
        return rules;
    }

    private static Optional<RuleOutcome> inSample(Predictions p, Guards guards, Optional<String> fingerprint) {
        OptionalDouble share = OptionalDouble.empty();
        String why = "";
        if (fingerprint.isPresent() && guards.trainingFingerprint().isPresent()) {
            boolean same = fingerprint.get().equals(guards.trainingFingerprint().get());
            share = OptionalDouble.of(same ? 1 : 0);
            why = "the evaluation data is the training data (equal fingerprints)";
        }
        if (guards.trainingFirst().isPresent() && p.dates().isPresent()
                && (share.isEmpty() || share.getAsDouble() == 0)) {
            long first = guards.trainingFirst().getAsLong();
            long last = guards.trainingLast().getAsLong();
            long inside = 0;
            long[] dates = p.dates().get();
            for (long d : dates) {
                if (d >= first && d <= last) {
                    inside++;
                }
            }
            share = OptionalDouble.of((double) inside / dates.length);
            why = inside + " of " + dates.length + " rows lie in the training range " + first + ".." + last;
        }
        if (share.isEmpty()) {
            return Optional.empty();
        }
        RuleOutcome r = RuleOutcome.check(IN_SAMPLE, false, Bound.AT_MOST, guards.maxTrainingOverlap(), share);
        if (r.status() == RuleOutcome.Status.FAILED) {
            LOG.warn("in-sample guard {}: {} (allowed share {}); evaluate on rows the model did not train on",
                    IN_SAMPLE, why, guards.maxTrainingOverlap());
        }
        return Optional.of(r);
    }

    /**
     * For each row, the row one period earlier: the previous row of the same asset with asset keys; with
     * dates, the same position in the previous date when both dates hold equally many rows; otherwise the
     * previous row. −1 where there is none.
     */
    static int[] lagOne(Predictions p) {
        int n = p.size();
        int[] out = new int[n];
        java.util.Arrays.fill(out, -1);
        if (p.assets().isPresent()) {
            List<String> assets = p.assets().get();
            Map<String, Integer> last = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Integer prev = last.put(assets.get(i), i);
                out[i] = prev == null ? -1 : prev;
            }
            return out;
        }
        if (p.dates().isPresent()) {
            long[] d = p.dates().get();
            int prevStart = -1;
            int prevSize = 0;
            int start = 0;
            for (int i = 1; i <= n; i++) {
                if (i == n || d[i] != d[start]) {
                    int size = i - start;
                    if (prevStart >= 0 && size == prevSize) {
                        for (int k = 0; k < size; k++) {
                            out[start + k] = prevStart + k;
                        }
                    }
                    prevStart = start;
                    prevSize = size;
                    start = i;
                }
            }
            return out;
        }
        for (int i = 1; i < n; i++) {
            out[i] = i - 1;
        }
        return out;
    }

    /** The rows with a lag and finite values: {x_t, x_(t−1), y_t}. */
    private static double[][] lagged(double[] x, double[] y, int[] lag) {
        int m = 0;
        double[][] out = new double[3][y.length];
        for (int i = 0; i < y.length; i++) {
            if (lag[i] >= 0 && Double.isFinite(x[i]) && Double.isFinite(x[lag[i]])) {
                out[0][m] = x[i];
                out[1][m] = x[lag[i]];
                out[2][m] = y[i];
                m++;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(out[0], m), java.util.Arrays.copyOf(out[1], m),
            java.util.Arrays.copyOf(out[2], m)};
    }

    private static double abs(OptionalDouble v) {
        return v.isPresent() && Double.isFinite(v.getAsDouble()) ? Math.abs(v.getAsDouble()) : 0;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
