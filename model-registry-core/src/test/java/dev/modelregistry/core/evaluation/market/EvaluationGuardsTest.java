package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.Guards;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.evaluation.RuleOutcome;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import dev.modelregistry.core.training.Datasets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak and in-sample guards on real data (next-day DAX returns, EU stock markets 1991–1998): a leaking
 * or in-sample evaluation comes out at best HOLD with the guard's rule named, and a realistic model is not
 * flagged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationGuardsTest {
    final DefaultEvaluator evaluator = new DefaultEvaluator();
    final EvaluationOptions market = EvaluationOptions.defaults().withDomain(MarketOptions.defaults());
    ModelRegistry registry;
    Dataset features;

    @BeforeAll
    void load(@TempDir Path dir) throws Exception {
        registry = ModelRegistry.open(dir.resolve("registry"));
        Path csv = Path.of(getClass().getResource("/data/eu_stock_markets.csv").toURI());
        Dataset raw = Datasets.fromCsv(csv, "DAX", Optional.of("day"), List.of("SMI", "CAC", "FTSE"));
        features = PriceFeatures.nextDayReturns(raw.labels(), raw.times().orElseThrow());
    }

    @AfterAll
    void close() {
        registry.close();
    }

    /** The price features plus one extra column, with the times kept. */
    private Dataset withColumn(String name, double[] column) {
        List<String> names = new ArrayList<>(features.featureNames());
        names.add(name);
        double[][] rows = features.rows();
        for (int r = 0; r < rows.length; r++) {
            rows[r] = java.util.Arrays.copyOf(rows[r], rows[r].length + 1);
            rows[r][rows[r].length - 1] = column[r];
        }
        return Dataset.of(names, rows, features.labels(), features.times().orElseThrow());
    }

    private static List<String> failedGuards(EvaluationReport report) {
        return report.decision().rules().stream()
                .filter(r -> r.rule().startsWith("guard_") && r.status() == RuleOutcome.Status.FAILED)
                .map(RuleOutcome::rule).toList();
    }

    @Test
    void the_label_as_a_feature_is_held_by_the_feature_label_guard() {
        Dataset data = withColumn("tomorrow", features.labels());
        int leak = data.featureCount() - 1;
        EvaluationReport report = evaluator.evaluate(x -> x[leak], data, market);

        assertThat(report.decision().recommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(failedGuards(report)).contains("guard_feature_label_correlation", "guard_contemporaneous_feature",
                "guard_max_hit_rate", "guard_max_ic", "guard_max_sharpe", "guard_max_r2");
        assertThat(report.decision().reason()).contains("guard_feature_label_correlation");
        // Without the guards the same evaluation would have been promoted.
        EvaluationReport unguarded = evaluator.evaluate(x -> x[leak], data, market.withGuards(
                Guards.defaults().withEnabled(false)).withDomain(MarketOptions.defaults()
                        .withPlausibility(dev.modelregistry.api.evaluation.market.Plausibility.none())));
        assertThat(unguarded.decision().recommendation()).isEqualTo(Recommendation.PROMOTE);
    }

    @Test
    void the_label_plus_noise_with_a_sharpe_near_5_is_held_by_the_contemporaneous_guard() {
        double[] label = features.labels();
        double sd = java.util.Arrays.stream(label).map(v -> v * v).average().orElseThrow();
        sd = Math.sqrt(sd);
        Random random = new Random(7);
        double[] noisy = new double[label.length];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = label[i] + 2.0 * sd * random.nextGaussian();
        }
        Dataset data = withColumn("tomorrow_noisy", noisy);
        int leak = data.featureCount() - 1;
        EvaluationReport report = evaluator.evaluate(x -> x[leak], data, market);

        double sharpe = report.section(StockMetrics.class).orElseThrow().strategy().sharpe().orElseThrow();
        assertThat(sharpe).isBetween(4.0, 6.5);
        // Correlation with the label is far below 0.9: the feature-label guard alone would not see it.
        assertThat(failedGuards(report)).contains("guard_contemporaneous_feature")
                .doesNotContain("guard_feature_label_correlation");
        assertThat(report.decision().recommendation()).isEqualTo(Recommendation.HOLD);
        assertThat(report.decision().reason()).contains("guard_contemporaneous_feature");

        // The same predictions made elsewhere, with the features given, are held the same way.
        Predictions p = Predictions.of(label, noisy).withDates(data.times().orElseThrow())
                .withFeatures(data.featureNames(), data.rows());
        EvaluationReport elsewhere = evaluator.evaluate(p, market);
        assertThat(failedGuards(elsewhere)).contains("guard_contemporaneous_feature");
        assertThat(elsewhere.decision().recommendation()).isEqualTo(Recommendation.HOLD);
    }

    @Test
    void a_model_evaluated_on_its_own_training_rows_is_held_by_the_in_sample_guard() {
        TrainingRequest request = TrainingRequest.of("lightgbm", features.slice(0, 1200))
                .withSpec(TrainingSpec.defaults().withParameter("rounds", "200"));
        try (TrainedModel model = registry.training().train(request)) {
            ModelVersion v = registry.training().register("dax-in-sample", model);
            TrainingInfo info = registry.versions().get(v.ref()).metadata().training().orElseThrow();
            long[] times = features.times().orElseThrow();
            assertThat(info.dataStart()).hasValueSatisfying(s -> assertThat(s.getEpochSecond()).isEqualTo(times[0]));
            assertThat(info.dataEnd()).hasValueSatisfying(e -> assertThat(e.getEpochSecond()).isEqualTo(times[1199]));
            EvaluationOptions guarded = market.withGuards(Guards.defaults().withTraining(info));

            // Rows 1000..1399: half inside the training range.
            EvaluationReport overlap = evaluator.evaluate(model, features.slice(1000, 1400), guarded);
            assertThat(failedGuards(overlap)).contains("guard_in_sample_overlap");
            assertThat(overlap.decision().rules()).filteredOn(r -> r.rule().equals("guard_in_sample_overlap"))
                    .singleElement().satisfies(r -> assertThat(r.observed().getAsDouble()).isEqualTo(0.5));
            assertThat(overlap.decision().recommendation()).isIn(Recommendation.HOLD, Recommendation.REJECT);

            // Exactly the training rows: the fingerprint says so even without times.
            EvaluationReport own = evaluator.evaluate(model, features.slice(0, 1200), guarded);
            assertThat(failedGuards(own)).contains("guard_in_sample_overlap");
            assertThat(own.decision().recommendation()).isEqualTo(Recommendation.HOLD);
            assertThat(own.decision().reason()).contains("guard_in_sample_overlap");
            Dataset untimed = Dataset.of(features.featureNames(), features.slice(0, 1200).rows(),
                    features.slice(0, 1200).labels());
            EvaluationReport noTimes = evaluator.evaluate(model, untimed, market.withGuards(Guards.defaults()
                    .withTrainingFingerprint(untimed.fingerprint())));
            assertThat(failedGuards(noTimes)).contains("guard_in_sample_overlap");

            // After the training rows: the guard is there and passes.
            EvaluationReport after = evaluator.evaluate(model, features.slice(1200, 1500), guarded);
            assertThat(after.decision().rules()).filteredOn(r -> r.rule().equals("guard_in_sample_overlap"))
                    .singleElement().satisfies(r -> assertThat(r.passed()).isTrue());
        }
    }

    @Test
    void a_realistic_model_is_not_flagged_over_20_seeds() {
        List<String> alarms = new ArrayList<>();
        for (int seed = 0; seed < 20; seed++) {
            int end = 1000 + 25 * seed;
            TrainingRequest request = TrainingRequest.of("lightgbm", features.slice(0, end))
                    .withSpec(TrainingSpec.defaults().withSeed(seed).withParameter("rounds", "30"));
            try (TrainedModel model = registry.training().train(request)) {
                EvaluationReport report = evaluator.evaluate(model, features.slice(end, end + 300),
                        market.withPerturbation(0.01, seed).withGuards(Guards.defaults()
                                .withTraining(model.metadata().training().orElseThrow())));
                assertThat(report.decision().rules()).extracting(RuleOutcome::rule)
                        .contains("guard_feature_label_correlation", "guard_contemporaneous_feature",
                                "guard_in_sample_overlap", "guard_max_sharpe");
                if (!failedGuards(report).isEmpty()) {
                    alarms.add("seed " + seed + ": " + report.decision().reason());
                }
            }
        }
        assertThat(alarms).as("false alarms in 20 seeds").isEmpty();
    }
}
