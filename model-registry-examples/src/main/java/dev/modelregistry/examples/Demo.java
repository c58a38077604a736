package dev.modelregistry.examples;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.EvaluationGateException;
import dev.modelregistry.api.deployment.Prediction;
import dev.modelregistry.api.evaluation.ChampionChallengerReport;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.LiveAccuracy;
import dev.modelregistry.api.monitoring.Severity;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.EvaluationReports;
import dev.modelregistry.core.evaluation.WalkForward;
import dev.modelregistry.core.evaluation.market.HtmlReport;
import dev.modelregistry.core.evaluation.market.PriceFeatures;
import dev.modelregistry.core.training.Datasets;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The end-to-end demo on real data: the daily DAX closes of R's EuStockMarkets (1991–1998).
 *
 * <p>It builds price features, validates XGBoost, LightGBM and a Tribuo linear baseline walk-forward,
 * registers them with their evaluations (each printed with its own reasons) and picks the best as
 * champion. Production requires a passing evaluation: the champion goes there only if its stored
 * recommendation is not REJECT; otherwise the demo shows the registry refusing it and keeps it in staging.
 * Then the champion's recipe is retrained walk-forward through the newer days, and the frozen champion and
 * the retrained challenger are compared on those days, which neither model trained on (Diebold–Mariano).
 * The challenger runs as a canary under automatic analysis (in production only if both versions pass,
 * otherwise in staging only). Live traffic then receives its outcomes one day late, and live accuracy is
 * printed next to the evaluation's figures. Finally drifted inputs raise a drift alert, which rolls a
 * promoted challenger back to the champion.
 *
 * <p>Run it with {@code mvn -q -Pdemo -DskipTests package}; every failed check throws.
 */
public final class Demo {
    /** The model the candidates are versions of. */
    static final String MODEL = "dax-next-day";
    /** Rows at the end kept out of the candidates' training: newer data, then the "live" traffic. */
    static final int LIVE_ROWS = 300;
    /** The first of the held-back rows become known before the challenger is trained. */
    static final int NEWER_ROWS = 100;
    /** The environment that requires a passing evaluation (the registry's default). */
    static final String PRODUCTION = "production";
    /** Where versions are tried without that requirement. */
    static final String STAGING = "staging";

    /** Evaluation with the market metrics of predicted returns, at 5 bps a trade. */
    static final EvaluationOptions MARKET = EvaluationOptions.defaults()
            .withDomain(MarketOptions.defaults().withCostBps(5));

    /** Tribuo logs every SGD run at INFO through java.util.logging; the story should not drown in it. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private Demo() {
    }

    /**
     * How much work the demo does.
     *
     * @param rounds boosting rounds for the tree models
     * @param folds walk-forward folds (over the history, and over the newer days, which they must divide)
     * @param foldSize rows per walk-forward test window over the history
     * @param batch requests between canary analyses
     */
    public record Settings(int rounds, int folds, int foldSize, int batch) {
        /**
         * The full demo.
         *
         * @return the settings
         */
        public static Settings full() {
            return new Settings(150, 5, 150, 600);
        }

        /**
         * A quick run for tests.
         *
         * @return the settings
         */
        public static Settings small() {
            return new Settings(30, 2, 120, 400);
        }
    }

    /**
     * What happened, for a test to check.
     *
     * @param candidates the versions registered, by trainer
     * @param champion the version chosen as champion
     * @param challenger the retrained version put on the canary
     * @param dieboldMariano the HLN-corrected Diebold–Mariano statistic of champion vs challenger on the
     *     newer days, empty if undefined
     * @param productionRefused whether the registry refused the champion in production (it failed its gates)
     * @param canaryEnvironment where the challenger's canary ran
     * @param canaryDecision the canary analysis's last decision
     * @param driftAlert whether drifted inputs raised a critical drift alert
     * @param rolledBack whether that alert rolled a promoted challenger back to the champion
     * @param report the champion's HTML evaluation report
     */
    public record Outcome(List<String> candidates, ModelRef.Numbered champion, ModelRef.Numbered challenger,
            OptionalDouble dieboldMariano, boolean productionRefused, String canaryEnvironment,
            CanaryVerdict.Decision canaryDecision, boolean driftAlert, boolean rolledBack, Path report) {
        /**
         * Copies the list.
         *
         * @param candidates the versions
         * @param champion the champion
         * @param challenger the challenger
         * @param dieboldMariano the DM statistic
         * @param productionRefused whether production refused the champion
         * @param canaryEnvironment the canary's environment
         * @param canaryDecision the canary's last decision
         * @param driftAlert whether drift raised an alert
         * @param rolledBack whether it was rolled back
         * @param report the report
         */
        public Outcome {
            candidates = List.copyOf(candidates);
        }
    }

    /** One trained, registered and evaluated version, with the evaluation stored on it. */
    private record Candidate(String trainer, ModelRef.Numbered ref, EvaluationReport report) {
        int rank() {
            return switch (report.decision().recommendation()) {
                case PROMOTE -> 0;
                case CANARY -> 1;
                case HOLD -> 2;
                case REJECT -> 3;
            };
        }

        double score() {
            return report.score().score().orElse(Double.NEGATIVE_INFINITY);
        }

        boolean passes() {
            return report.decision().recommendation() != Recommendation.REJECT;
        }
    }

    /**
     * Runs the demo in a fresh temporary directory.
     *
     * @param args ignored
     * @throws IOException if the temporary directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("model-registry-demo"), System.out, Settings.full());
    }

    /**
     * Runs the demo.
     *
     * @param workDir where the registry and the report go
     * @param out where the story is told
     * @param settings how much work to do
     * @return what happened
     */
    public static Outcome run(Path workDir, PrintStream out, Settings settings) {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        if (NEWER_ROWS % settings.folds() != 0) {
            throw new IllegalArgumentException("the folds must divide the " + NEWER_ROWS + " newer days");
        }
        out.println("model-registry demo: the life of a stock-prediction model, in " + workDir);
        try (ModelRegistry registry = ModelRegistry.builder(workDir.resolve("registry")).actor("demo").open()) {
            Dataset features = loadFeatures(workDir, out);
            int historyRows = features.rowCount() - LIVE_ROWS;
            Dataset history = features.slice(0, historyRows);
            Dataset newerHistory = features.slice(0, historyRows + NEWER_ROWS);
            Dataset live = features.slice(historyRows + NEWER_ROWS, features.rowCount());

            List<Candidate> candidates = new ArrayList<>();
            for (TrainingRequest request : requests(history, settings)) {
                candidates.add(trainEvaluateRegister(registry, request, history, settings, out));
            }
            candidates.sort(Comparator.comparingInt(Candidate::rank)
                    .thenComparing(Comparator.comparingDouble(Candidate::score).reversed()));
            Candidate champion = candidates.get(0);
            out.printf(Locale.ROOT, "%nChampion by recommendation, then composite score: %s (%s, %s).%n",
                    champion.ref(), champion.trainer(), champion.report().decision().recommendation());
            registry.versions().setAlias(MODEL, "champion", champion.ref().version());
            Path report = HtmlReport.write("DAX next-day return: " + champion.ref() + " (" + champion.trainer()
                    + ")", champion.report(),
                    registry.versions().get(champion.ref()), workDir.resolve("evaluation-report.html"));
            out.println("Wrote the champion's evaluation report to " + report);
            boolean refused = deployChampion(registry, champion, out);

            Challenge challenge = challenge(registry, champion, newerHistory, historyRows, settings, out);
            Candidate challenger = challenge.challenger();
            String arena = champion.passes() && challenger.passes() ? PRODUCTION : STAGING;
            if (arena.equals(STAGING)) {
                out.printf("%n%s is %s, so its canary runs in staging only; production keeps what it serves (%s).%n",
                        challenger.ref(), challenger.report().decision().recommendation(),
                        refused ? "nothing, as no version passed" : champion.ref().toString());
            }
            // Drift is measured against the rows each version was trained on.
            registry.monitoring().setReference(champion.ref(), history.rows(), history.featureNames());
            registry.monitoring().setReference(challenger.ref(), newerHistory.rows(), newerHistory.featureNames());
            CanaryVerdict.Decision canary = runCanary(registry, arena, challenger, live, settings, out);
            String liveAccuracy = liveAccuracy(registry, arena, live, out);
            Drift drift = driftAndRollBack(registry, arena, champion, challenger, live, settings, out);
            out.printf("%nDone: champion %s (%s), challenger %s (%s); production serves %s; canary in %s: %s;"
                            + " live accuracy %s; drift alert %s, rollback %s.%n", champion.ref(),
                    champion.report().decision().recommendation(), challenger.ref(),
                    challenger.report().decision().recommendation(), serving(registry, PRODUCTION), arena, canary,
                    liveAccuracy, drift.alert() ? "raised" : "not raised",
                    drift.rolledBack() ? "done" : drift.alert() ? "nothing earlier to restore" : "not needed");
            return new Outcome(candidates.stream().map(c -> c.ref() + " " + c.trainer()).toList(), champion.ref(),
                    challenger.ref(), challenge.comparison().dieboldMariano().correctedStatistic(), refused, arena,
                    canary, drift.alert(), drift.rolledBack(), report);
        }
    }

    private static String serving(ModelRegistry registry, String environment) {
        var live = registry.deployer().deployments(environment);
        return live.isEmpty() ? "nothing" : live.stream().map(d -> d.version() + " " + d.state()).toList().toString();
    }

    private static Dataset loadFeatures(Path workDir, PrintStream out) {
        Path csv = workDir.resolve("eu_stock_markets.csv");
        try (InputStream in = Demo.class.getResourceAsStream("/data/eu_stock_markets.csv")) {
            Files.copy(in, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dataset prices = Datasets.fromCsv(csv, "DAX", Optional.of("day"), List.of("SMI", "CAC", "FTSE"));
        Dataset features = PriceFeatures.nextDayReturns(prices.labels(), prices.times().orElseThrow());
        out.printf("Loaded %d trading days of DAX closes; built %d rows of price features %s.%n", prices.rowCount(),
                features.rowCount(), PriceFeatures.NAMES);
        out.printf("The last %d days are held back: %d newer days for the challenger, then %d days of live"
                + " traffic; the candidates see only the %d days before.%n", LIVE_ROWS, NEWER_ROWS,
                LIVE_ROWS - NEWER_ROWS, features.rowCount() - LIVE_ROWS);
        return features;
    }

    private static List<TrainingRequest> requests(Dataset history, Settings s) {
        String rounds = Integer.toString(s.rounds());
        return List.of(
                TrainingRequest.of("xgboost", history).withTarget("next_day_return")
                        .withSpec(TrainingSpec.defaults().withParameter("rounds", rounds)
                                .withParameter("max_depth", "3").withParameter("eta", "0.05")),
                TrainingRequest.of("lightgbm", history).withTarget("next_day_return")
                        .withSpec(TrainingSpec.defaults().withParameter("rounds", rounds)
                                .withParameter("num_leaves", "7").withParameter("learning_rate", "0.05")),
                TrainingRequest.of("tribuo-linear", history).withTarget("next_day_return")
                        .withSpec(TrainingSpec.defaults().withParameter("epochs", "50")
                                .withParameter("learning_rate", "0.05").withParameter("minibatch_size", "16"))
                        .withPreprocessing(PreprocessingSpec.standard()));
    }

    private static Candidate trainEvaluateRegister(ModelRegistry registry, TrainingRequest request, Dataset history,
            Settings s, PrintStream out) {
        out.printf("%nCandidate %s%n", request.trainerId());
        var folds = Splits.walkForward(history.rowCount(), s.folds(), s.foldSize(), Splits.Window.EXPANDING, 0, 1, 0);
        Predictions walkForward;
        try (TrainingBar bar = TrainingBar.open(out, "walk-forward")) {
            walkForward = WalkForward.predictions(registry.training(), request.withProgress(bar), folds);
        }
        EvaluationReport report = registry.evaluator().evaluate(walkForward, MARKET);
        out.printf("  walk-forward over %d folds: %s%n", s.folds(), describe(report));
        ModelRef.Numbered ref = register(registry, request, report, out);
        printDecision(out, ref, report);
        return new Candidate(request.trainerId(), ref, report);
    }

    /** Trains on all of the request's rows, registers the model and stores its evaluation on it. */
    private static ModelRef.Numbered register(ModelRegistry registry, TrainingRequest request, EvaluationReport report,
            PrintStream out) {
        TrainedModel trained;
        try (TrainingBar bar = TrainingBar.open(out, "training")) {
            trained = registry.training().train(request.withProgress(bar));
        }
        try (TrainedModel model = trained) {
            ModelVersion v = registry.training().register(MODEL, model);
            EvaluationReports.store(registry.versions(), v.ref(), report);
            out.printf("  registered %s with its metadata and evaluation report%n", v.ref());
            return new ModelRef.Numbered(v.model(), v.version());
        }
    }

    /** The one line that states a version's stored recommendation with its own reason. */
    private static void printDecision(PrintStream out, ModelRef.Numbered ref, EvaluationReport report) {
        out.printf("  %s: %s because: %s%n", ref, report.decision().recommendation(), report.decision().reason());
    }

    private static String describe(EvaluationReport report) {
        var stock = report.section(StockMetrics.class).orElseThrow();
        return String.format(Locale.ROOT, "%d days, hit rate %.3f (p=%.3f), IC %s, Sharpe %s, max drawdown %.1f%%",
                report.count(), stock.hitRate().rate().orElse(Double.NaN), stock.hitRate().pValue().orElse(Double.NaN),
                fmt(stock.ic().mean()), fmt(stock.strategy().sharpe()), 100 * stock.strategy().maxDrawdown());
    }

    /**
     * Deploys the champion to staging, and to production if its evaluation passes; otherwise shows the
     * registry refusing it there.
     *
     * @return whether production refused it
     */
    private static boolean deployChampion(ModelRegistry registry, Candidate champion, PrintStream out) {
        var deployer = registry.deployer();
        deployer.deploy(champion.ref(), STAGING, DeploymentSpec.replace());
        if (champion.passes()) {
            deployer.deploy(champion.ref(), PRODUCTION, DeploymentSpec.replace());
            out.printf("%nDeployed %s to staging and production.%n", champion.ref());
            return false;
        }
        out.printf("%nNo candidate passes the evaluation gates on this data: the best, %s, is REJECT.%n",
                champion.ref());
        try {
            deployer.deploy(champion.ref(), PRODUCTION, DeploymentSpec.replace());
            throw new IllegalStateException("production accepted " + champion.ref() + ", which is REJECT");
        } catch (EvaluationGateException e) {
            out.printf("Production requires a passing evaluation, so the registry refuses it:%n  %s%n",
                    e.getMessage());
        }
        out.printf("What a team does then: keep what production serves (here nothing yet), try the best candidate"
                + " in staging only, and look for better data or features; the demo uses no override.%n"
                + "Deployed %s to staging only.%n", champion.ref());
        return true;
    }

    /** The retrained challenger and its comparison with the frozen champion. */
    private record Challenge(Candidate challenger, ChampionChallengerReport comparison) {
    }

    /**
     * Retrains the champion's recipe walk-forward through the newer days and compares it, on exactly those
     * days, with the frozen champion (trained only on the days before them): out of sample for both.
     */
    private static Challenge challenge(ModelRegistry registry, Candidate champion, Dataset newerHistory,
            int historyRows, Settings s, PrintStream out) {
        TrainingRequest recipe = requests(newerHistory, s).stream()
                .filter(r -> r.trainerId().equals(champion.trainer())).findFirst().orElseThrow();
        int step = NEWER_ROWS / s.folds();
        out.printf("%nChallenger: %s retrained every %d of the %d newer days on all days before them, against the"
                + " frozen champion %s on the same days (neither trained on them)%n", champion.trainer(), step,
                NEWER_ROWS, champion.ref());
        var folds = Splits.walkForward(newerHistory.rowCount(), s.folds(), step, Splits.Window.EXPANDING, 0, 1, 0);
        Predictions retrained;
        try (TrainingBar bar = TrainingBar.open(out, "walk-forward")) {
            retrained = WalkForward.predictions(registry.training(), recipe.withProgress(bar), folds);
        }
        Predictions frozen = frozenPredictions(registry, champion.ref(), newerHistory, historyRows, retrained);
        ChampionChallengerReport versus = registry.evaluator().compare(frozen, retrained, MARKET);
        out.printf("  champion %s on the newer days: %s%n", champion.ref(), describe(versus.champion()));
        out.printf("  challenger on the newer days:        %s%n", describe(versus.challenger()));
        ModelRef.Numbered ref = register(registry, recipe, versus.challenger(), out);
        EvaluationReports.store(registry.versions(), ref, versus);
        printDecision(out, ref, versus.challenger());
        var dm = versus.dieboldMariano();
        out.printf(Locale.ROOT, "  Diebold-Mariano (%s, HLN-corrected) over %d days: DM* = %s, p = %s%n", dm.loss(),
                dm.count(), fmt(dm.correctedStatistic()), fmt(dm.pValue()));
        out.printf("  comparison stored on %s: %s because: %s%n", ref, versus.decision().recommendation(),
                versus.decision().reason());
        registry.versions().setAlias(MODEL, "challenger", ref.version());
        return new Challenge(new Candidate(champion.trainer(), ref, versus.challenger()), versus);
    }

    /** The registered champion's predictions for the rows the retrained predictions cover. */
    private static Predictions frozenPredictions(ModelRegistry registry, ModelRef.Numbered champion, Dataset data,
            int firstRow, Predictions retrained) {
        double[] actual = retrained.actual();
        double[] predicted = new double[actual.length];
        LoadedModel model = registry.models().load(champion);
        try {
            Predictor predictor = model.predictor().orElseThrow();
            for (int i = 0; i < actual.length; i++) {
                if (data.label(firstRow + i) != actual[i]) {
                    throw new IllegalStateException("the retrained predictions do not cover the newer days");
                }
                predicted[i] = predictor.predict(data.row(firstRow + i));
            }
        } finally {
            model.release();
        }
        Predictions out = Predictions.of(actual, predicted);
        out = retrained.dates().map(out::withDates).orElse(out);
        return retrained.folds().map(out::withFolds).orElse(out);
    }

    private static CanaryVerdict.Decision runCanary(ModelRegistry registry, String arena, Candidate challenger,
            Dataset live, Settings s, PrintStream out) {
        var deployer = registry.deployer();
        // A single-row latency of tens of microseconds jitters with the JIT: allow a p95 ratio of 3. The
        // prediction-drift bound stays at its default.
        CanaryPolicy policy = CanaryPolicy.defaults().withMinRequests(Math.max(20, s.batch() / 10))
                .withMaxLatencyRatio(3);
        deployer.deploy(challenger.ref(), arena, DeploymentSpec.canarySteps(List.of(10, 50)).withPolicy(policy));
        out.printf("%nPut %s on a 10%% canary in %s (then 50%%) under automatic analysis: %s%n", challenger.ref(),
                arena, policy);
        Endpoint endpoint = deployer.endpoint(arena);
        int request = 0;
        CanaryVerdict.Decision last = CanaryVerdict.Decision.NOTHING_TO_ANALYZE;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < s.batch(); i++, request++) {
                endpoint.predict(live.row(request % live.rowCount()), "client-" + request);
            }
            CanaryVerdict verdict = deployer.analyze(arena);
            last = verdict.decision();
            out.printf("  after %d requests: %s — %s%n", request, verdict.decision(), verdict.reason());
            if (last == CanaryVerdict.Decision.PROMOTE || last == CanaryVerdict.Decision.ROLLBACK) {
                break;
            }
        }
        return last;
    }

    // ---------------------------------------------------------------- live accuracy (self-contained section)

    /**
     * Live traffic with delayed outcomes: each live day the endpoint predicts the next day's return (with a
     * request id), and that return becomes known one day later, when the demo records it as the outcome of
     * the previous day's request. The last day's outcome is still to come. Then live accuracy is printed per
     * version, next to the figures of the version's stored evaluation. The outcomes are kept in the registry
     * database, so they survive a restart.
     */
    static String liveAccuracy(ModelRegistry registry, String arena, Dataset live, PrintStream out) {
        Endpoint endpoint = registry.deployer().endpoint(arena);
        out.printf("%nLive accuracy: %d live days in %s; each day's prediction gets its outcome (the realised"
                + " return) one day later.%n", live.rowCount(), arena);
        String yesterday = null;
        double yesterdaysReturn = Double.NaN;
        for (int day = 0; day < live.rowCount(); day++) {
            if (yesterday != null) {
                registry.monitoring().recordOutcome(yesterday, yesterdaysReturn); // known today
            }
            Prediction p = endpoint.serve(live.row(day), "DAX");
            yesterday = p.requestId();
            yesterdaysReturn = live.labels()[day];
        }
        out.printf("  recorded %d outcomes; the last day's arrives tomorrow (request %s)%n", live.rowCount() - 1,
                yesterday);
        List<String> summary = new ArrayList<>();
        for (LiveAccuracy a : registry.monitoring().liveAccuracy(arena)) {
            summary.add(String.format(Locale.ROOT, "%s hit rate %s over %d outcomes", a.version(), fmt3(a.hitRate()),
                    a.outcomes()));
            out.printf(Locale.ROOT, "  %s over %d outcomes: RMSE %.5f (evaluation %s), hit rate %s (p=%s;"
                            + " evaluation %s), IC %s (evaluation %s)%n", a.version(), a.outcomes(), a.rmse(),
                    fmt5(a.evaluationRmse()), fmt3(a.hitRate()), fmtP(a.hitRatePValue()), fmt3(a.evaluationHitRate()),
                    fmt3(a.ic()), fmt3(a.evaluationIc()));
        }
        out.println("  (live IC is one Spearman correlation over the live days; monitoring.check raises decay"
                + " alerts against the evaluation from 100 outcomes)");
        return summary.isEmpty() ? "not available" : String.join(", ", summary);
    }

    private static String fmt5(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.5f", v.getAsDouble()) : "none";
    }

    private static String fmt3(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "undefined";
    }

    private static String fmtP(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2g", v.getAsDouble()) : "undefined";
    }

    /** Whether drift raised an alert, and whether it rolled a promoted challenger back. */
    private record Drift(boolean alert, boolean rolledBack) {
    }

    private static Drift driftAndRollBack(ModelRegistry registry, String arena, Candidate champion,
            Candidate challenger, Dataset live, Settings s, PrintStream out) {
        var deployer = registry.deployer();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        registry.monitoring().addListener(alerts::add);
        Endpoint endpoint = deployer.endpoint(arena);
        out.printf("%nNow the market changes: live inputs to %s arrive with four times the usual moves.%n", arena);
        int request = 0;
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < s.batch(); i++, request++) {
                double[] row = live.row(request % live.rowCount());
                for (int j = 0; j < row.length; j++) {
                    row[j] *= 4;
                }
                endpoint.predict(row, "client-" + request);
            }
            registry.monitoring().check(arena);
            Optional<Alert> drift = alerts.stream().filter(a -> a.severity() == Severity.CRITICAL
                    && a.rule().contains("drift")).findFirst();
            if (drift.isPresent()) {
                out.printf("  alert after %d drifted requests: %s%n", request, drift.get().message());
                if (deployer.deployments(arena).stream().noneMatch(d -> d.version().equals(challenger.ref()))) {
                    out.printf("  %s serves alone, with no earlier version to return to: a team retrains on the"
                            + " new regime or takes the model out of service.%n", champion.ref());
                    return new Drift(true, false);
                }
                var back = deployer.rollback(arena, "drift alert: " + drift.get().message());
                out.printf("  rolled %s back to %s%n", arena, back.version());
                if (!back.version().equals(champion.ref())) {
                    throw new IllegalStateException("rollback went to " + back.version() + ", not the champion");
                }
                return new Drift(true, true);
            }
        }
        return new Drift(false, false);
    }

    private static String fmt(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "undefined";
    }
}
