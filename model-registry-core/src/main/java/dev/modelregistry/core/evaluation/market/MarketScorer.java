package dev.modelregistry.core.evaluation.market;

import dev.modelregistry.api.evaluation.DomainScorer;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.ReportSection;
import dev.modelregistry.api.evaluation.RuleOutcome;
import dev.modelregistry.api.evaluation.RuleOutcome.Bound;
import dev.modelregistry.api.evaluation.market.BarFrequency;
import dev.modelregistry.api.evaluation.market.HitRate;
import dev.modelregistry.api.evaluation.market.InformationCoefficient;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.Plausibility;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.evaluation.market.StrategyMetrics;
import dev.modelregistry.api.training.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The market evaluation, plugged into the generic evaluator through the {@link DomainScorer} SPI (listed
 * in core's {@code META-INF/services}); a user turns it on with
 * {@code EvaluationOptions.defaults().withDomain(MarketOptions.defaults())} and never calls this class.
 * Labels are realised returns and predictions predicted returns; rows sharing a date form a cross-section.
 *
 * <p>It adds the {@link StockMetrics} section; the rules {@code min_hit_rate}, {@code max_drawdown},
 * {@code min_ic}, {@code min_sharpe} (hard) and {@code hit_rate_significance} (soft; on a panel it tests the
 * date-clustered p-value, see {@link HitRate}); the score components
 * {@code hit_rate}, {@code ic}, {@code sharpe} and {@code max_drawdown} (normalised as
 * {@link MarketOptions} documents); and the fold metrics {@code ic}, {@code sharpe} and
 * {@code max_drawdown}. Regression only.
 *
 * <p>Thread-safe: stateless.
 */
public final class MarketScorer implements DomainScorer<MarketOptions> {

    /** Creates the scorer (for {@link java.util.ServiceLoader}). */
    public MarketScorer() {
    }

    @Override
    public String domain() {
        return MarketOptions.DOMAIN;
    }

    @Override
    public Class<MarketOptions> optionsType() {
        return MarketOptions.class;
    }

    @Override
    public Class<? extends ReportSection> sectionType() {
        return StockMetrics.class;
    }

    @Override
    public boolean appliesTo(Task task) {
        return task == Task.REGRESSION;
    }

    @Override
    public Scored score(Predictions predictions, MarketOptions options) {
        double[] actual = predictions.actual();
        double[] predicted = predictions.predicted();
        long[] dates = predictions.dates().orElse(null);
        List<int[]> periods = StockScorer.periods(actual.length, dates);
        BarFrequency frequency = Frequencies.of(options, dates);
        StockScorer.Strategy strategy = StockScorer.strategy(actual, predicted, periods, assets(predictions),
                frequency.periodsPerYear(), options.costBps());
        HitRate hit = StockScorer.hitRate(actual, predicted, periods, dates != null);
        InformationCoefficient ic = StockScorer.ic(actual, predicted, periods);
        StrategyMetrics s = strategy.metrics();
        StockMetrics section = new StockMetrics(hit, ic, s, Arrays.stream(strategy.returns()).boxed().toList(),
                frequency);
        List<RuleOutcome> rules = new ArrayList<>(List.of(
                RuleOutcome.check("min_hit_rate", true, Bound.AT_LEAST, options.minHitRate(), hit.rate()),
                RuleOutcome.check("max_drawdown", true, Bound.AT_MOST, options.maxDrawdown(),
                        OptionalDouble.of(s.maxDrawdown())),
                RuleOutcome.check("min_ic", true, Bound.AT_LEAST, options.minIc(), ic.mean()),
                RuleOutcome.check("min_sharpe", true, Bound.AT_LEAST, options.minSharpe(), s.sharpe()),
                RuleOutcome.check("hit_rate_significance", false, Bound.AT_MOST, options.maxHitRatePValue(),
                        hit.gatingPValue())));
        rules.addAll(ceilings(options.plausibility(), actual, predicted, hit, ic, s));
        return new Scored(section, rules, inputs(options, hit, ic, s));
    }

    /**
     * The plausibility guards: a metric above its ceiling is a leak, not skill. Soft rules named
     * {@code guard_…}; the evaluator caps the recommendation at HOLD when one fails. Undefined metrics add
     * no rule (a guard never holds a model back for want of data), nor does a ceiling that is off.
     */
    static List<RuleOutcome> ceilings(Plausibility p, double[] actual, double[] predicted, HitRate hit,
            InformationCoefficient ic, StrategyMetrics s) {
        List<RuleOutcome> out = new ArrayList<>();
        ceiling(out, "guard_max_r2", p.maxR2(), Double.POSITIVE_INFINITY, r2(actual, predicted));
        ceiling(out, "guard_max_hit_rate", p.maxHitRate(), 1, hit.rate());
        ceiling(out, "guard_max_ic", p.maxIc(), 1, ic.mean());
        ceiling(out, "guard_max_sharpe", p.maxSharpe(), Double.POSITIVE_INFINITY, s.sharpe());
        return out;
    }

    /** Adds the rule unless the ceiling is off (at the metric's own maximum) or the metric is undefined. */
    private static void ceiling(List<RuleOutcome> out, String rule, double max, double off, OptionalDouble observed) {
        if (max < off && observed.isPresent() && Double.isFinite(observed.getAsDouble())) {
            out.add(RuleOutcome.check(rule, false, Bound.AT_MOST, max, observed));
        }
    }

    /** R² = 1 − SSE / SST; empty when the labels are constant. */
    static OptionalDouble r2(double[] actual, double[] predicted) {
        double mean = Arrays.stream(actual).average().orElse(0);
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < actual.length; i++) {
            sse += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        return sst > 0 ? OptionalDouble.of(1 - sse / sst) : OptionalDouble.empty();
    }

    private static List<ScoreInput> inputs(MarketOptions options, HitRate hit, InformationCoefficient ic,
            StrategyMetrics s) {
        List<ScoreInput> inputs = List.of(
                input(options, "hit_rate", hit.rate()),
                input(options, "ic", ic.mean()),
                input(options, "sharpe", s.sharpe()),
                input(options, "max_drawdown", OptionalDouble.of(s.maxDrawdown())));
        return inputs;
    }

    @Override
    public Map<String, Double> foldMetrics(Predictions fold, MarketOptions options) {
        double[] actual = fold.actual();
        double[] predicted = fold.predicted();
        Map<String, Double> m = new TreeMap<>();
        long[] dates = fold.dates().orElse(null);
        List<int[]> periods = StockScorer.periods(actual.length, dates);
        StockScorer.ic(actual, predicted, periods).mean().ifPresent(v -> m.put("ic", v));
        StrategyMetrics s = StockScorer.strategy(actual, predicted, periods, assets(fold),
                Frequencies.of(options, dates).periodsPerYear(), options.costBps()).metrics();
        s.sharpe().ifPresent(v -> m.put("sharpe", v));
        m.put("max_drawdown", s.maxDrawdown());
        return m;
    }

    @Override
    public boolean lowerIsBetter(String metric) {
        return metric.equals("max_drawdown");
    }

    /** A component normalised as {@link MarketOptions} documents, clamped to [0, 1]; 0 when undefined. */
    static double normalise(String name, double v) {
        double n = switch (name) {
            case "hit_rate" -> (v - 0.5) / 0.1;
            case "ic" -> v / 0.1;
            case "sharpe" -> v / 2;
            case "max_drawdown" -> 1 - v / 0.5;
            default -> throw new IllegalStateException("unknown market component " + name);
        };
        return Math.max(0, Math.min(1, n));
    }

    private static ScoreInput input(MarketOptions options, String name, OptionalDouble value) {
        return new ScoreInput(name, options.weight(name), value,
                value.isPresent() ? normalise(name, value.getAsDouble()) : 0);
    }

    private static String[] assets(Predictions p) {
        return p.assets().map(a -> a.toArray(new String[0])).orElse(null);
    }
}
