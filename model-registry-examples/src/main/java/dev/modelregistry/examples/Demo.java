package dev.modelregistry.examples;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.Severity;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.training.Dataset;
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
import dev.modelregistry.api.training.service.PreprocessingSpec;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.evaluation.market.PriceFeatures;
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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The end-to-end demo on real data: the daily DAX closes of R's EuStockMarkets (1991–1998).
 * It builds price features, validates XGBoost, LightGBM and a Tribuo linear baseline walk-forward,
 * registers them, evaluates them with stock metrics, picks a champion by the recommendation, deploys
 * it to staging and production, runs the challenger as a 10 % canary under automatic analysis until it
 * is promoted, then feeds drifted inputs until a drift alert rolls production back.
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
     * @param folds walk-forward folds
     * @param foldSize rows per walk-forward test window
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
     * @param challenger the version put on the canary
     * @param canaryPromoted whether canary analysis promoted the challenger
     * @param rolledBack whether the drift alert rolled production back to the champion
     * @param report the HTML evaluation report
     */
    public record Outcome(List<String> candidates, ModelRef.Numbered champion, ModelRef.Numbered challenger,
            boolean canaryPromoted, boolean rolledBack, Path report) {
        /**
         * Copies the list.
         *
         * @param candidates the versions
         * @param champion the champion
         * @param challenger the challenger
         * @param canaryPromoted whether it was promoted
         * @param rolledBack whether it was rolled back
         * @param report the report
         */
        public Outcome {
            candidates = List.copyOf(candidates);
        }
    }

    /** One trained, registered and evaluated candidate. */
    private record Candidate(String trainer, ModelVersion version, EvaluationReport report) {
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
        out.println("model-registry demo: the life of a stock-prediction model, in " + workDir);
        try (ModelRegistry registry = ModelRegistry.builder(workDir.resolve("registry")).actor("demo").open()) {
            Dataset features = loadFeatures(workDir, out);
            Dataset history = features.slice(0, features.rowCount() - LIVE_ROWS);
            Dataset newerHistory = features.slice(0, features.rowCount() - LIVE_ROWS + NEWER_ROWS);
            Dataset live = features.slice(features.rowCount() - LIVE_ROWS + NEWER_ROWS, features.rowCount());

            List<Candidate> candidates = new ArrayList<>();
            for (TrainingRequest request : requests(history, settings)) {
                candidates.add(trainEvaluateRegister(registry, request, history, settings, out));
            }
            candidates.sort(Comparator.comparingInt(Candidate::rank)
                    .thenComparing(Comparator.comparingDouble(Candidate::score).reversed()));
            Candidate champion = candidates.get(0);
            out.printf(Locale.ROOT, "%nChampion by recommendation, then composite score: %s (%s, %s).%n",
                    champion.version().ref(), champion.trainer(), champion.report().decision().recommendation());
            registry.versions().setAlias(MODEL, "champion", champion.version().version());
            Path report = HtmlReport.write("DAX next-day return: " + champion.version().ref() + " (" + champion.trainer()
                    + ")", champion.report(), champion.version(), workDir.resolve("evaluation-report.html"));
            out.println("Wrote the champion's evaluation report to " + report);

            Candidate challenger = challenge(registry, champion, newerHistory, settings, out);
            deploy(registry, champion, challenger, history, out);
            boolean promoted = runCanary(registry, challenger, live, settings, out);
            boolean rolledBack = driftAndRollBack(registry, champion, live, settings, out);
            out.printf("%nDone: champion %s, canary %s %s, drift rollback %s.%n", champion.version().ref(),
                    challenger.version().ref(), promoted ? "promoted" : "not promoted", rolledBack ? "done" : "not needed");
            return new Outcome(candidates.stream().map(c -> c.version().ref() + " " + c.trainer()).toList(),
                    (ModelRef.Numbered) champion.version().ref(), (ModelRef.Numbered) challenger.version().ref(),
                    promoted, rolledBack, report);
        }
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
        out.printf("The last %d days are held back as live traffic; the models see only the %d days before.%n",
                LIVE_ROWS, features.rowCount() - LIVE_ROWS);
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
        Predictions walkForward = WalkForward.predictions(registry.training(), request, folds);
        EvaluationReport report = registry.evaluator().evaluate(walkForward, MARKET);
        var stock = report.section(StockMetrics.class).orElseThrow();
        out.printf(Locale.ROOT, "  walk-forward over %d folds: hit rate %.3f (p=%.3f), IC %s, Sharpe %s, max drawdown"
                        + " %.1f%% -> %s%n", s.folds(), stock.hitRate().rate().orElse(Double.NaN),
                stock.hitRate().pValue().orElse(Double.NaN), fmt(stock.ic().mean()),
                fmt(stock.strategy().sharpe()), 100 * stock.strategy().maxDrawdown(),
                report.decision().recommendation());
        out.println("  because: " + report.decision().reason());
        try (TrainedModel model = registry.training().train(request.withProgress(
                new ProgressBar(out, "training")))) {
            ModelVersion v = registry.training().register(MODEL, model);
            EvaluationReports.store(registry.versions(), v.ref(), report);
            out.printf("  registered %s with its metadata and evaluation report%n", v.ref());
            return new Candidate(request.trainerId(), registry.versions().get(v.ref()), report);
        }
    }

    /** Retrains the champion on newer data and tests the result against the champion on the same folds. */
    private static Candidate challenge(ModelRegistry registry, Candidate champion, Dataset newerHistory, Settings s,
            PrintStream out) {
        TrainingRequest challenger = requests(newerHistory, s).stream()
                .filter(r -> r.trainerId().equals(champion.trainer())).findFirst().orElseThrow();
        TrainingRequest base = challenger.withData(newerHistory.slice(0, newerHistory.rowCount() - NEWER_ROWS));
        out.printf("%nChallenger: %s retrained with %d newer days%n", champion.trainer(), NEWER_ROWS);
        Candidate c = trainEvaluateRegister(registry, challenger, newerHistory, s, out);
        var folds = Splits.walkForward(base.data().rowCount(), s.folds(), s.foldSize(), Splits.Window.EXPANDING, 0, 1,
                0);
        var versus = registry.evaluator().compare(WalkForward.predictions(registry.training(), base, folds),
                WalkForward.predictions(registry.training(), challenger, folds), MARKET);
        EvaluationReports.store(registry.versions(), c.version().ref(), versus);
        out.printf(Locale.ROOT, "  champion vs challenger: Diebold-Mariano p=%s -> %s (%s)%n",
                fmt(versus.dieboldMariano().pValue()), versus.decision().recommendation(), versus.decision().reason());
        if (versus.decision().recommendation() != Recommendation.PROMOTE) {
            out.println("  (The evaluation would not promote it on quality alone; canary analysis below judges"
                    + " errors, latency and prediction drift in live traffic.)");
        }
        registry.versions().setAlias(MODEL, "challenger", c.version().version());
        return c;
    }

    private static void deploy(ModelRegistry registry, Candidate champion, Candidate challenger, Dataset history,
            PrintStream out) {
        var deployer = registry.deployer();
        deployer.deploy(champion.version().ref(), "staging", DeploymentSpec.replace());
        deployer.deploy(champion.version().ref(), "production", DeploymentSpec.replace());
        out.printf("%nDeployed %s to staging and production.%n", champion.version().ref());
        // Drift is measured against the rows each version was trained on.
        for (Candidate c : List.of(champion, challenger)) {
            registry.monitoring().setReference((ModelRef.Numbered) c.version().ref(), history.rows(),
                    history.featureNames());
        }
    }

    private static boolean runCanary(ModelRegistry registry, Candidate challenger, Dataset live, Settings s,
            PrintStream out) {
        var deployer = registry.deployer();
        // A single-row latency of tens of microseconds jitters with the JIT: allow a p95 ratio of 3. And these
        // models predict returns within a few basis points of zero, where PSI's decile bins are hair-thin:
        // a shift of a fraction of a basis point reads as PSI 1. The demo says so rather than hide it.
        CanaryPolicy policy = CanaryPolicy.defaults().withMinRequests(Math.max(20, s.batch() / 10))
                .withMaxLatencyRatio(3).withMaxPredictionPsi(2.0);
        out.println("(Prediction PSI is bounded at 2.0 here: next-day return forecasts sit within basis points of"
                + " zero, so PSI's decile bins are very narrow.)");
        deployer.deploy(challenger.version().ref(), "production",
                DeploymentSpec.canarySteps(List.of(10, 50)).withPolicy(policy));
        out.printf("Put %s on a 10%% canary in production (then 50%%) under automatic analysis: %s%n",
                challenger.version().ref(), policy);
        Endpoint production = deployer.endpoint("production");
        int request = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < s.batch(); i++, request++) {
                production.predict(live.row(request % live.rowCount()), "client-" + request);
            }
            CanaryVerdict verdict = deployer.analyze("production");
            out.printf("  after %d requests: %s — %s%n", request, verdict.decision(), verdict.reason());
            if (verdict.decision() == CanaryVerdict.Decision.PROMOTE) {
                return true;
            }
            if (verdict.decision() == CanaryVerdict.Decision.ROLLBACK) {
                return false;
            }
        }
        return false;
    }

    private static boolean driftAndRollBack(ModelRegistry registry, Candidate champion, Dataset live, Settings s,
            PrintStream out) {
        var deployer = registry.deployer();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        registry.monitoring().addListener(alerts::add);
        Endpoint production = deployer.endpoint("production");
        out.printf("%nNow the market changes: live inputs arrive with four times the usual moves.%n");
        int request = 0;
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < s.batch(); i++, request++) {
                double[] row = live.row(request % live.rowCount());
                for (int j = 0; j < row.length; j++) {
                    row[j] *= 4;
                }
                production.predict(row, "client-" + request);
            }
            registry.monitoring().check("production");
            Optional<Alert> drift = alerts.stream().filter(a -> a.severity() == Severity.CRITICAL
                    && a.rule().contains("drift")).findFirst();
            if (drift.isPresent()) {
                out.printf("  alert after %d drifted requests: %s%n", request, drift.get().message());
                var back = deployer.rollback("production", "drift alert: " + drift.get().message());
                out.printf("  rolled production back to %s%n", back.version());
                if (!back.version().equals(champion.version().ref())) {
                    throw new IllegalStateException("rollback went to " + back.version() + ", not the champion");
                }
                return true;
            }
        }
        return false;
    }

    private static String fmt(java.util.OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "undefined";
    }
}
