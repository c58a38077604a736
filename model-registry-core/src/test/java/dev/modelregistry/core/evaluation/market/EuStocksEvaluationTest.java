package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.evaluation.ChampionChallengerReport;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import dev.modelregistry.core.evaluation.EvaluationReports;
import dev.modelregistry.core.evaluation.WalkForward;
import dev.modelregistry.core.training.Datasets;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.evaluation.market.PriceFeatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real evaluation: LightGBM trained through {@code registry.training()} on next-day DAX returns
 * (EU stock markets, 1991–1998), walk-forward folds, each trained only on the past.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EuStocksEvaluationTest {
    static final String TRAINER = "lightgbm";
    Path dir;
    ModelRegistry registry;
    Dataset features;
    TrainingRequest request;
    List<Split> folds;
    Predictions walkForward;
    EvaluationReport report;
    final DefaultEvaluator evaluator = new DefaultEvaluator();
    final EvaluationOptions market = EvaluationOptions.defaults().withDomain(MarketOptions.defaults());

    @BeforeAll
    void evaluate(@TempDir Path tmp) throws Exception {
        dir = tmp;
        registry = ModelRegistry.open(dir.resolve("registry"));
        Path csv = Path.of(getClass().getResource("/data/eu_stock_markets.csv").toURI());
        Dataset raw = Datasets.fromCsv(csv, "DAX", Optional.of("day"), List.of("SMI", "CAC", "FTSE"));
        features = PriceFeatures.nextDayReturns(raw.labels(), raw.times().orElseThrow());
        request = TrainingRequest.of(TRAINER, features)
                .withSpec(TrainingSpec.defaults().withParameter("rounds", "30"));
        folds = Splits.walkForward(features.rowCount(), 4, 150, Splits.Window.ROLLING, 1_000, 1, 0);
        walkForward = WalkForward.predictions(registry.training(), request, folds);
        report = evaluator.evaluate(walkForward, market.withDomain(MarketOptions.defaults().withCostBps(5)));
    }

    @AfterAll
    void close() {
        registry.close();
    }

    @Test
    void walk_forward_predictions_are_out_of_sample_with_one_fold_per_split() {
        assertThat(walkForward.size()).isEqualTo(600);
        assertThat(report.count()).isEqualTo(600);
        assertThat(report.stability().folds()).hasSize(4)
                .allSatisfy(f -> assertThat(f.count()).isEqualTo(150));
        assertThat(report.stability().of("hit_rate").orElseThrow().folds()).isEqualTo(4);
        var stock = report.section(StockMetrics.class).orElseThrow();
        assertThat(stock.hitRate().trials()).isPositive();
        assertThat(stock.strategy().periods()).isEqualTo(600);
        assertThat(stock.strategy().costBps()).isEqualTo(5);
        assertThat(report.decision().rules()).isNotEmpty();
        assertThat(report.metrics()).allSatisfy((k, v) -> assertThat(v).isFinite());
    }

    @Test
    void the_html_report_contains_every_chart_and_needs_no_network() throws Exception {
        String headless = System.getProperty("java.awt.headless");
        Path file = HtmlReport.write("DAX next-day, LightGBM walk-forward", report, dir.resolve("report.html"));
        assertThat(System.getProperty("java.awt.headless")).as("JVM-wide AWT setting left alone").isEqualTo(headless);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        Matcher images = Pattern.compile("<img alt=\"([^\"]+)\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">")
                .matcher(html);
        List<String> titles = new java.util.ArrayList<>();
        while (images.find()) {
            titles.add(images.group(1));
            byte[] png = java.util.Base64.getDecoder().decode(images.group(2));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            assertThat(png.length).isGreaterThan(1_000);
        }
        // Each per-fold metric on its own axis, so an IC of 0.05 is not flattened by a hit rate of 0.55.
        assertThat(titles).containsExactly("Predicted vs actual", "Cumulative strategy return", "Drawdown",
                "Per-fold hit rate", "Per-fold IC (Spearman)", "Per-fold R²");
        // Percentages with units, not raw fractions; a hit rate of 0.5xx reads 5x.xx %.
        assertThat(html).containsPattern("<td>hit rate</td><td>\\d{2}\\.\\d{2} %</td>");
        assertThat(html).containsPattern("<td>maximum drawdown</td><td>-?\\d{1,3}\\.\\d{2} %</td>");
        assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
                .doesNotContain("<script").doesNotContain("<link");
        assertThat(html).contains("Recommendation: " + report.decision().recommendation())
                .contains("min_hit_rate").contains("hit_rate_significance");
    }

    @Test
    void the_report_is_stored_on_the_version_and_comes_back_equal() {
        List<Split> holdout = Splits.holdout(features.rowCount(), 0.2, 1);
        Dataset train = features.select(holdout.get(0).train());
        Dataset test = features.select(holdout.get(0).test());
        try (TrainedModel model = registry.training().train(request.withData(train))) {
            ModelVersion v = registry.training().register("dax-next-day", model);
            EvaluationReport onTest = evaluator.evaluate(model, test, market);
            assertThat(onTest.stability().perturbation()).isPresent();

            ModelVersion stored = EvaluationReports.store(registry.versions(), v.ref(), onTest);
            assertThat(stored.metadata().metrics()).containsKey("eval.rmse").containsKey("eval.hit_rate");
            assertThat(EvaluationReports.read(registry.versions(), v.ref())).contains(onTest);
            assertThat(registry.versions().documents(v.ref())).containsKey("evaluation");

            // champion: "tomorrow repeats today" (momentum) vs the trained challenger
            int ret1 = features.featureNames().indexOf("ret_1");
            ChampionChallengerReport c = evaluator.compare(x -> x[ret1], model, test, market);
            EvaluationReports.store(registry.versions(), v.ref(), c);
            assertThat(EvaluationReports.readComparison(registry.versions(), v.ref())).contains(c);
            assertThat(c.dieboldMariano().count()).isEqualTo(test.rowCount());
            assertThat(c.decision().rules()).allSatisfy(r -> r.observed().ifPresent(o -> assertThat(o).isFinite()));
            assertThat(EvaluationReports.toJson(c)).doesNotContain("NaN");
        }
    }
}
