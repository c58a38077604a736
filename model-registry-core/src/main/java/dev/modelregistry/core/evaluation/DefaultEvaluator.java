package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.ChampionChallengerReport;
import dev.modelregistry.api.evaluation.ClassificationMetrics;
import dev.modelregistry.api.evaluation.CompositeScore;
import dev.modelregistry.api.evaluation.Decision;
import dev.modelregistry.api.evaluation.DieboldMariano;
import dev.modelregistry.api.evaluation.DomainScorer;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.EvaluationSeries;
import dev.modelregistry.api.evaluation.Evaluator;
import dev.modelregistry.api.evaluation.FoldMetrics;
import dev.modelregistry.api.evaluation.MetricComparison;
import dev.modelregistry.api.evaluation.Perturbation;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.RegressionMetrics;
import dev.modelregistry.api.evaluation.ReportSection;
import dev.modelregistry.api.evaluation.RuleOutcome;
import dev.modelregistry.api.evaluation.Stability;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.core.internal.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Evaluator}. Regression metrics, classification metrics, stability, the composite
 * score and the recommendation are each computed by a small package-private calculator; the formulas are
 * documented on the API records ({@link RegressionMetrics}, {@link DieboldMariano},
 * {@link dev.modelregistry.api.evaluation.ScoreWeights}, …). Domains turned on in the options (the market
 * metrics, for example) are scored by the {@link DomainScorer}s this evaluator knows: by default those
 * listed in {@code META-INF/services/dev.modelregistry.api.evaluation.DomainScorer} on core's class path.
 *
 * <p>Per-fold metrics: regression folds report {@code rmse}, {@code mae}, {@code r2} and
 * {@code hit_rate} (the share of rows whose predicted sign is right); classification folds report
 * {@code accuracy}, {@code log_loss} and {@code roc_auc}; each domain adds its own (the market adds
 * {@code ic}, {@code sharpe} and {@code max_drawdown}). A metric undefined on a fold is left out of
 * that fold.
 *
 * <p>Guards ({@link dev.modelregistry.api.evaluation.Guards} on the options, and the market's plausibility
 * ceilings) check every evaluation for leaks and in-sample rows; a failed guard caps the recommendation at
 * HOLD with a {@code guard_…} rule and is logged at WARN. The features of a {@link Dataset} feed the feature
 * guards; predictions made elsewhere carry them with {@link Predictions#withFeatures}.
 *
 * <p>Thread-safe and stateless; one instance may serve every thread. No argument may be null
 * ({@link NullPointerException}); bad data throws {@link InvalidArgumentException} before any result.
 */
public final class DefaultEvaluator implements Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEvaluator.class);
    private final DomainScorers domains;

    /** Creates an evaluator with the domain scorers found on core's class path. */
    public DefaultEvaluator() {
        this.domains = DomainScorers.DISCOVERED;
    }

    /**
     * Creates an evaluator that knows exactly these domain scorers.
     *
     * @param scorers the scorers, one per domain
     * @throws InvalidArgumentException if two share a domain or a domain name is malformed
     */
    public DefaultEvaluator(List<? extends DomainScorer<?>> scorers) {
        this.domains = new DomainScorers(List.copyOf(Objects.requireNonNull(scorers, "scorers")));
    }

    @Override
    public EvaluationReport evaluate(Predictor model, Dataset data, EvaluationOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        double[] predicted = predictAll(model, data);
        Optional<Perturbation> perturbation = options.perturbation() > 0
                ? Optional.of(StabilityAnalyzer.perturbation(model, data, predicted, options.perturbation(),
                        options.seed()))
                : Optional.empty();
        return evaluate(predictions(data, predicted, options), options, perturbation, Optional.of(data.fingerprint()));
    }

    @Override
    public EvaluationReport evaluate(Predictions predictions, EvaluationOptions options) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(options, "options");
        return evaluate(predictions, options, Optional.empty(), Optional.empty());
    }

    @Override
    public ChampionChallengerReport compare(Predictor champion, Predictor challenger, Dataset data,
            EvaluationOptions options) {
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        EvaluationReport a = evaluate(champion, data, options);
        EvaluationReport b = evaluate(challenger, data, options);
        double[] actual = data.labels();
        return compare(a, b, actual, doubles(a.series().predicted()), doubles(b.series().predicted()),
                data.times().orElse(null), options);
    }

    @Override
    public ChampionChallengerReport compare(Predictions champion, Predictions challenger,
            EvaluationOptions options) {
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(options, "options");
        if (!Arrays.equals(champion.actual(), challenger.actual())) {
            throw new InvalidArgumentException("champion and challenger must be scored on the same rows: their actual"
                    + " values differ (" + champion.size() + " and " + challenger.size() + " rows)");
        }
        EvaluationReport a = evaluate(champion, options);
        EvaluationReport b = evaluate(challenger, options);
        long[] dates = champion.dates().orElse(null);
        if (dates != null && challenger.dates().isPresent() && !Arrays.equals(dates, challenger.dates().get())) {
            throw new InvalidArgumentException("champion and challenger must be scored on the same rows: their dates"
                    + " differ");
        }
        return compare(a, b, champion.actual(), champion.predicted(), challenger.predicted(), dates, options);
    }

    /**
     * The comparison. On a panel (dates with more than one row) Diebold–Mariano runs on per-date mean loss
     * differentials and the stacked-rows test is reported beside it.
     */
    private ChampionChallengerReport compare(EvaluationReport champion, EvaluationReport challenger, double[] actual,
            double[] championPredicted, double[] challengerPredicted, long[] dates, EvaluationOptions options) {
        DieboldMariano stacked = DieboldMarianoCalculator.test(actual, championPredicted, challengerPredicted,
                options.loss(), options.horizon());
        boolean panel = dates != null && DieboldMarianoCalculator.panel(dates);
        DieboldMariano dm = panel ? DieboldMarianoCalculator.byDate(actual, championPredicted, challengerPredicted,
                dates, options.loss(), options.horizon()) : stacked;
        OptionalDouble gain = champion.score().score().isPresent() && challenger.score().score().isPresent()
                ? OptionalDouble.of(challenger.score().score().getAsDouble() - champion.score().score().getAsDouble())
                : OptionalDouble.empty();
        List<MetricComparison> deltas = new ArrayList<>();
        Map<String, Double> a = champion.metrics();
        Map<String, Double> b = challenger.metrics();
        for (String name : new TreeMap<>(a).keySet()) {
            if (b.containsKey(name)) {
                deltas.add(new MetricComparison(name, a.get(name), b.get(name), b.get(name) - a.get(name)));
            }
        }
        // The challenger's own rules, exactly as its report decided them.
        Decision decision = RecommendationEngine.decide(
                RecommendationEngine.comparisonRules(options.gates(), challenger.decision().rules(), dm, gain));
        return new ChampionChallengerReport(champion, challenger, deltas, dm,
                StabilityAnalyzer.agreement(championPredicted, challengerPredicted), gain, decision,
                panel ? Optional.of(stacked) : Optional.empty());
    }

    private EvaluationReport evaluate(Predictions p, EvaluationOptions options, Optional<Perturbation> perturbation,
            Optional<String> fingerprint) {
        double[] actual = p.actual();
        double[] predicted = p.predicted();
        boolean regressionTask = options.task() == Task.REGRESSION;
        if (!regressionTask) {
            ClassificationScorer.check(actual, predicted);
        }
        List<DomainScorers.Bound<?>> bound = domains.bind(options.domains(), options.task());
        Optional<RegressionMetrics> regression = regressionTask
                ? Optional.of(RegressionScorer.score(actual, predicted)) : Optional.empty();
        Optional<ClassificationMetrics> classification = regressionTask ? Optional.empty()
                : Optional.of(ClassificationScorer.score(actual, predicted, options.threshold(),
                        options.logLossEpsilon()));
        Map<String, ReportSection> sections = new TreeMap<>();
        List<RuleOutcome> domainRules = new ArrayList<>();
        List<DomainScorer.ScoreInput> domainInputs = new ArrayList<>();
        for (DomainScorers.Bound<?> d : bound) {
            DomainScorer.Scored scored = d.score(p);
            sections.put(d.domain(), scored.section());
            domainRules.addAll(scored.rules());
            domainInputs.addAll(scored.scoreInputs());
        }
        int[] folds = p.folds().orElseGet(() -> StabilityAnalyzer.segments(actual.length, options.segments()));
        List<FoldMetrics> foldMetrics = new ArrayList<>();
        StabilityAnalyzer.rowsByFold(folds).forEach((fold, rows) -> foldMetrics.add(new FoldMetrics(fold,
                rows.length, foldMetrics(subset(p, rows), options, bound))));
        Stability stability = new Stability(foldMetrics,
                StabilityAnalyzer.dispersion(foldMetrics, m -> bound.stream().anyMatch(d -> d.lowerIsBetter(m))),
                perturbation);
        CompositeScore score = CompositeScorer.score(options.weights(), regression, classification, domainInputs,
                stability);
        Decision decision = RecommendationEngine.decide(RecommendationEngine.rules(options.gates(), actual.length,
                regression, classification, domainRules, LeakGuards.check(p, options.guards(), fingerprint)));
        List<String> tripped = decision.rules().stream()
                .filter(r -> LeakGuards.isGuard(r) && r.status() == RuleOutcome.Status.FAILED)
                .map(RuleOutcome::rule).toList();
        if (!tripped.isEmpty()) {
            LOG.warn("guards failed {}; recommendation {} ({})", tripped, decision.recommendation(),
                    decision.reason());
        }
        EvaluationSeries series = new EvaluationSeries(list(actual), list(predicted),
                p.dates().map(d -> Arrays.stream(d).boxed().toList()).orElse(List.of()),
                p.assets().orElse(List.of()));
        return new EvaluationReport(options.task(), actual.length, regression, classification, sections, stability,
                score, decision, series);
    }

    private static Map<String, Double> foldMetrics(Predictions fold, EvaluationOptions options,
            List<DomainScorers.Bound<?>> bound) {
        double[] actual = fold.actual();
        double[] predicted = fold.predicted();
        Map<String, Double> m = new TreeMap<>();
        if (options.task() == Task.REGRESSION) {
            RegressionMetrics r = RegressionScorer.score(actual, predicted);
            m.put("rmse", r.rmse());
            m.put("mae", r.mae());
            r.r2().ifPresent(v -> m.put("r2", v));
            Stats.signAgreement(actual, predicted).rate().ifPresent(v -> m.put("hit_rate", v));
        } else {
            ClassificationMetrics c = ClassificationScorer.score(actual, predicted, options.threshold(),
                    options.logLossEpsilon());
            m.put("accuracy", c.accuracy());
            m.put("log_loss", c.logLoss());
            c.rocAuc().ifPresent(v -> m.put("roc_auc", v));
        }
        for (DomainScorers.Bound<?> d : bound) {
            d.foldMetrics(fold).forEach((name, value) -> {
                if (m.putIfAbsent(name, value) != null) {
                    throw new InvalidArgumentException("fold metric '" + name + "' of domain '" + d.domain()
                            + "' is reported twice; a domain's metrics must not repeat another's");
                }
            });
        }
        return m;
    }

    /** The rows of one fold, with their dates and assets. */
    private static Predictions subset(Predictions p, int[] rows) {
        double[] actual = p.actual();
        double[] predicted = p.predicted();
        double[] a = new double[rows.length];
        double[] q = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            a[i] = actual[rows[i]];
            q[i] = predicted[rows[i]];
        }
        Predictions out = Predictions.of(a, q);
        if (p.dates().isPresent()) {
            long[] dates = p.dates().get();
            out = out.withDates(Arrays.stream(rows).mapToLong(r -> dates[r]).toArray());
        }
        if (p.assets().isPresent()) {
            List<String> assets = p.assets().get();
            out = out.withAssets(Arrays.stream(rows).mapToObj(assets::get).toList());
        }
        return out;
    }

    private static Predictions predictions(Dataset data, double[] predicted, EvaluationOptions options) {
        Predictions p = Predictions.of(data.labels(), predicted).withFeatures(data.featureNames(), data.rows());
        if (data.times().isPresent()) {
            p = p.withDates(data.times().get());
        }
        return p.withFolds(StabilityAnalyzer.segments(data.rowCount(), options.segments()));
    }

    private static double[] predictAll(Predictor model, Dataset data) {
        if (data.rowCount() == 0) {
            throw new InvalidArgumentException("cannot evaluate zero rows");
        }
        double[] out = new double[data.rowCount()];
        for (int r = 0; r < out.length; r++) {
            out[r] = model.predict(data.row(r));
            if (!Double.isFinite(out[r])) {
                throw new InvalidArgumentException("the model predicted " + out[r] + " for row " + r
                        + "; predictions must be finite");
            }
        }
        return out;
    }

    private static List<Double> list(double[] x) {
        return Arrays.stream(x).boxed().toList();
    }

    private static double[] doubles(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
