package dev.modelregistry.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.ChampionChallengerReport;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.Gates;
import dev.modelregistry.api.evaluation.MetricDispersion;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.evaluation.RuleOutcome;
import dev.modelregistry.api.evaluation.ScoreComponent;
import dev.modelregistry.api.evaluation.ScoreWeights;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.training.Task;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The evaluator end to end on synthetic data: bad input, decisions, score, comparison, stability, JSON. */
class EvaluatorTest {
    final DefaultEvaluator evaluator = new DefaultEvaluator();
    /** The generic evaluation with the market domain on, as the evaluation of return predictions runs. */
    /**
     * The fixtures are synthetic signals far stronger than any market's (the label plus a little noise), so
     * the leak guards and plausibility ceilings are off here; {@link Guards_cap_the_recommendation} and
     * {@code market.EvaluationGuardsTest} test them.
     */
    final EvaluationOptions options = EvaluationOptions.defaults()
            .withGuards(dev.modelregistry.api.evaluation.Guards.defaults().withEnabled(false))
            .withDomain(MarketOptions.defaults().withPlausibility(
                    dev.modelregistry.api.evaluation.market.Plausibility.none()));
    final EvaluationOptions guarded = EvaluationOptions.defaults().withDomain(MarketOptions.defaults());

    /** 300 daily returns ~ N(0, 1 %), feature = return + small noise (a strong signal), seeded. */
    static Dataset signal(int n, double noise, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][];
        double[] labels = new double[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextGaussian() * 0.01;
            rows[i] = new double[] {labels[i] + random.nextGaussian() * noise, random.nextGaussian()};
            times[i] = i;
        }
        return Dataset.of(List.of("signal", "other"), rows, labels, times);
    }

    static final Predictor FIRST_FEATURE = x -> x[0];

    /**
     * 100 rows, 52 hits with return ≈ +1 % and 48 misses (predicted +, realised ≈ −0.5 %), interleaved:
     * hit rate 0.52, p = P(X ≥ 52 | 100, ½) ≈ 0.38 — every hard gate passes, the hit rate is not significant.
     */
    static Predictions weakButPositive() {
        double[] a = new double[100];
        double[] p = new double[100];
        int misses = 0;
        for (int k = 0; k < 100; k++) {
            double s = 1 + k / 1000.0;
            if (k % 2 == 0 && misses < 48) {
                misses++;
                a[k] = -0.005 * s;
                p[k] = 0.001 * s;
            } else {
                a[k] = 0.01 * s;
                p[k] = 0.01 * s;
            }
        }
        return Predictions.of(a, p);
    }

    @Nested
    class Bad_input_gives_clear_exceptions_or_undefined_values {
        @Test
        void empty_mismatched_and_nan_predictions_are_rejected_naming_the_problem() {
            assertThatThrownBy(() -> Predictions.of(new double[0], new double[0]))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("zero rows");
            assertThatThrownBy(() -> Predictions.of(new double[] {1, 2}, new double[] {1}))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("2 actual values but 1");
            assertThatThrownBy(() -> Predictions.of(new double[] {1, 2}, new double[] {1, Double.NaN}))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("row 1");
            assertThatThrownBy(() -> evaluator.evaluate(x -> Double.NaN, signal(10, 0, 1), options))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("row 0")
                    .hasMessageContaining("NaN");
            assertThatThrownBy(() -> Predictions.of(new double[] {1, 2}, new double[] {1, 2}).withDates(new long[] {2, 1}))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("date order");
        }

        @Test
        void classification_needs_zero_one_labels_and_probabilities() {
            EvaluationOptions cls = options.withTask(Task.BINARY_CLASSIFICATION);
            assertThatThrownBy(() -> evaluator.evaluate(Predictions.of(new double[] {0, 2}, new double[] {.1, .2}), cls))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("labels 0 or 1");
            assertThatThrownBy(() -> evaluator.evaluate(Predictions.of(new double[] {0, 1}, new double[] {.1, 1.2}), cls))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("probabilities");
        }

        @Test
        void settings_are_validated_when_made() {
            assertThatThrownBy(() -> MarketOptions.defaults().withAnnualisation(0))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("annualisation");
            assertThatThrownBy(() -> MarketOptions.defaults().withCostBps(-1)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> new ScoreWeights(Map.of("alpha", 1.0))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("unknown score component 'alpha'");
            assertThatThrownBy(() -> MarketOptions.defaults().withMaxDrawdown(1.5))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("maxDrawdown");
        }

        @Test
        void a_constant_prediction_leaves_ic_undefined_and_the_decision_holds_without_nan() {
            // always long on returns that rise slightly more often than they fall: every other gate passes
            double[] actual = weakButPositive().actual();
            double[] constant = new double[actual.length];
            java.util.Arrays.fill(constant, 0.001);
            EvaluationReport r = evaluator.evaluate(Predictions.of(actual, constant), options);
            assertThat(r.section(StockMetrics.class).orElseThrow().ic().mean()).isEmpty();
            RuleOutcome minIc = rule(r.decision().rules(), "min_ic");
            assertThat(minIc.status()).isEqualTo(RuleOutcome.Status.UNDEFINED);
            assertThat(minIc.observed()).isEmpty();
            assertThat(r.decision().recommendation()).isEqualTo(Recommendation.HOLD);
            assertThat(r.decision().reason()).contains("min_ic").contains("undefined");
            assertThat(r.decision().rules()).allSatisfy(o -> o.observed().ifPresent(v -> assertThat(v).isFinite()));
            assertThat(r.metrics()).doesNotContainKey("ic").allSatisfy((k, v) -> assertThat(v).isFinite());
            assertThat(EvaluationReports.toJson(r)).doesNotContain("NaN").doesNotContain("Infinity");
        }
    }

    @Nested
    class Recommendations_name_every_rule {
        @Test
        void a_strong_signal_on_enough_rows_is_promoted() {
            EvaluationReport r = evaluator.evaluate(FIRST_FEATURE, signal(300, 0.005, 3), options);
            assertThat(r.decision().recommendation()).isEqualTo(Recommendation.PROMOTE);
            assertThat(r.decision().rules()).extracting(RuleOutcome::rule).containsExactly("min_samples",
                    "min_hit_rate", "max_drawdown", "min_ic", "min_sharpe", "hit_rate_significance");
            assertThat(r.decision().rules()).allMatch(RuleOutcome::passed);
            RuleOutcome samples = rule(r.decision().rules(), "min_samples");
            assertThat(samples.threshold()).isEqualTo(100);
            assertThat(samples.observed().getAsDouble()).isEqualTo(300);
        }

        @Test
        void an_inverted_signal_is_rejected_by_the_hit_rate_gate() {
            EvaluationReport r = evaluator.evaluate(x -> -x[0], signal(300, 0.005, 3), options);
            assertThat(r.decision().recommendation()).isEqualTo(Recommendation.REJECT);
            assertThat(rule(r.decision().rules(), "min_hit_rate").status()).isEqualTo(RuleOutcome.Status.FAILED);
            assertThat(r.decision().reason()).contains("min_hit_rate");
        }

        @Test
        void too_few_rows_are_rejected_whatever_the_metrics() {
            EvaluationReport r = evaluator.evaluate(FIRST_FEATURE, signal(50, 0.001, 4), options);
            assertThat(r.decision().recommendation()).isEqualTo(Recommendation.REJECT);
            assertThat(r.decision().reason()).contains("min_samples (observed 50");
        }

        @Test
        void passing_every_hard_gate_without_significance_means_canary() {
            EvaluationReport r = evaluator.evaluate(weakButPositive(), options);
            var hit = r.section(StockMetrics.class).orElseThrow().hitRate();
            assertThat(hit.rate().getAsDouble()).isEqualTo(0.52);
            assertThat(hit.pValue().getAsDouble()).isGreaterThan(0.05);
            assertThat(r.decision().recommendation()).isEqualTo(Recommendation.CANARY);
            assertThat(rule(r.decision().rules(), "hit_rate_significance").status())
                    .isEqualTo(RuleOutcome.Status.FAILED);
        }

        @Test
        void classification_is_gated_on_roc_auc_and_plain_regression_on_r2() {
            Predictions p = Predictions.of(new double[] {1, 1, 0, 0, 1, 0}, new double[] {0.9, 0.4, 0.6, 0.1, 0.8, 0.4});
            EvaluationOptions cls = options.withTask(Task.BINARY_CLASSIFICATION)
                    .withGates(Gates.defaults().withMinSamples(6).withMinRocAuc(0.8));
            EvaluationReport c = evaluator.evaluate(p, cls);
            assertThat(c.decision().rules()).extracting(RuleOutcome::rule).containsExactly("min_samples", "min_roc_auc");
            assertThat(c.decision().recommendation()).isEqualTo(Recommendation.PROMOTE);
            assertThat(evaluator.evaluate(p, cls.withGates(cls.gates().withMinRocAuc(0.9))).decision().recommendation())
                    .isEqualTo(Recommendation.REJECT);

            // MetricReferenceValuesTest fixture: R² = 0.65
            EvaluationOptions plain = EvaluationOptions.defaults()
                    .withGates(Gates.defaults().withMinSamples(4).withMinR2(0.7));
            EvaluationReport r = evaluator.evaluate(Predictions.of(new double[] {1, 2, 3, 4},
                    new double[] {1.5, 1.5, 3.5, 3}), plain);
            assertThat(r.sections()).isEmpty();
            assertThat(r.decision().rules()).extracting(RuleOutcome::rule).containsExactly("min_samples", "min_r2");
            assertThat(r.decision().recommendation()).isEqualTo(Recommendation.REJECT);
            assertThat(r.decision().reason()).contains("min_r2 (observed 0.65, required >= 0.7)");
        }

        @Test
        void gates_are_configurable() {
            EvaluationReport r = evaluator.evaluate(weakButPositive(),
                    options.withDomain(MarketOptions.defaults().withMinHitRate(0.55)));
            assertThat(r.decision().recommendation()).isEqualTo(Recommendation.REJECT);
            assertThat(rule(r.decision().rules(), "min_hit_rate").threshold()).isEqualTo(0.55);
        }
    }

    @Nested
    class Composite_score {
        @Test
        void is_the_documented_weighted_mean_of_normalised_metrics_and_shows_every_input() {
            // weakButPositive: hit rate 0.52 → normalised (0.52 − 0.5)/0.1 = 0.2
            EvaluationReport r = evaluator.evaluate(weakButPositive(), options);
            List<ScoreComponent> c = r.score().components();
            assertThat(c).extracting(ScoreComponent::name)
                    .containsExactly("hit_rate", "ic", "max_drawdown", "r2", "sharpe", "stability");
            ScoreComponent hit = c.get(0);
            assertThat(hit.input().getAsDouble()).isEqualTo(0.52);
            assertThat(hit.normalised()).isCloseTo(0.2, within(1e-12));
            double totalWeight = c.stream().mapToDouble(ScoreComponent::weight).sum();
            assertThat(totalWeight).isCloseTo(0.25 + 0.25 + 0.1 + 0.1 + 0.2 + 0.1, within(1e-12));
            double expected = 0;
            for (ScoreComponent s : c) {
                assertThat(s.normalised()).isBetween(0.0, 1.0);
                assertThat(s.contribution()).isCloseTo(s.weight() * s.normalised() / totalWeight, within(1e-12));
                expected += s.weight() * s.normalised() / totalWeight;
            }
            assertThat(r.score().score().getAsDouble()).isCloseTo(expected, within(1e-12));
        }

        @Test
        void weights_are_configurable_and_a_zero_total_weight_leaves_the_score_undefined() {
            EvaluationReport onlyHit = evaluator.evaluate(weakButPositive(),
                    options.withWeights(new ScoreWeights(Map.of()))
                            .withDomain(MarketOptions.defaults().withWeights(Map.of("hit_rate", 1.0))));
            assertThat(onlyHit.score().score().getAsDouble()).isCloseTo(0.2, within(1e-12));
            EvaluationReport none = evaluator.evaluate(weakButPositive(), options.withWeights(new ScoreWeights(Map.of()))
                    .withDomain(MarketOptions.defaults().withWeights(Map.of())));
            assertThat(none.score().score()).isEmpty();
        }
    }

    @Nested
    class Champion_versus_challenger {
        @Test
        void a_significantly_better_challenger_is_promoted_with_deltas_and_agreement() {
            Dataset data = signal(400, 0.004, 5);
            Predictor noisy = x -> x[0] + x[1] * 0.02;   // the same signal buried in noise
            ChampionChallengerReport c = evaluator.compare(noisy, FIRST_FEATURE, data, options);
            assertThat(c.dieboldMariano().meanDifferential()).isPositive();
            assertThat(c.dieboldMariano().pValueChallengerBetter().getAsDouble()).isLessThan(0.05);
            assertThat(c.decision().recommendation()).isEqualTo(Recommendation.PROMOTE);
            assertThat(c.decision().rules()).extracting(RuleOutcome::rule).contains("challenger.min_hit_rate",
                    "dm_challenger_not_worse", "min_score_gain", "dm_challenger_better");
            assertThat(c.scoreGain().getAsDouble()).isPositive();
            var rmse = c.deltas().stream().filter(d -> d.metric().equals("rmse")).findFirst().orElseThrow();
            assertThat(rmse.delta()).isCloseTo(rmse.challenger() - rmse.champion(), within(1e-15)).isNegative();
            assertThat(c.agreement().count()).isEqualTo(400);
            assertThat(c.agreement().signAgreement()).isBetween(0.0, 1.0);
        }

        @Test
        void a_significantly_worse_challenger_is_rejected() {
            Dataset data = signal(400, 0.004, 5);
            ChampionChallengerReport c = evaluator.compare(FIRST_FEATURE, x -> x[0] + x[1] * 0.02, data, options);
            assertThat(c.decision().recommendation()).isEqualTo(Recommendation.REJECT);
            assertThat(c.decision().reason()).contains("dm_challenger_not_worse");
        }

        @Test
        void an_identical_challenger_holds_because_the_test_is_undefined() {
            Predictions p = weakButPositive();
            ChampionChallengerReport c = evaluator.compare(p, p, options);
            assertThat(c.dieboldMariano().statistic()).isEmpty();
            assertThat(c.decision().recommendation()).isEqualTo(Recommendation.HOLD);
            assertThat(c.agreement().signAgreement()).isEqualTo(1.0);
            assertThat(c.agreement().correlation().getAsDouble()).isCloseTo(1.0, within(1e-12));
            assertThat(c.deltas()).allSatisfy(d -> assertThat(d.delta()).isZero());
            assertThat(EvaluationReports.comparisonFromJson(EvaluationReports.toJson(c))).isEqualTo(c);
        }

        @Test
        void predictions_on_different_rows_cannot_be_compared() {
            assertThatThrownBy(() -> evaluator.compare(Predictions.of(new double[] {1, 2}, new double[] {1, 2}),
                    Predictions.of(new double[] {1, 3}, new double[] {1, 2}), options))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("same rows");
        }
    }

    @Nested
    class Stability_across_folds {
        @Test
        void dispersion_worst_fold_and_trend_match_the_hand_computation() {
            // every return +1 %; fold 0 predicts [+, +], fold 1 [+, −], fold 2 [−, −]
            // hit rates 1, 0.5, 0 → mean 0.5, std √((0.25 + 0 + 0.25)/2) = 0.5, worst 0 in fold 2,
            // least-squares slope against fold 0, 1, 2 = Σ(x − 1)(y − 0.5) / Σ(x − 1)² = (−0.5 − 0.5)/2 = −0.5
            Predictions p = Predictions.of(new double[] {.01, .01, .01, .01, .01, .01},
                    new double[] {1, 1, 1, -1, -1, -1}).withFolds(new int[] {0, 0, 1, 1, 2, 2});
            EvaluationReport r = evaluator.evaluate(p, options);
            assertThat(r.stability().folds()).hasSize(3);
            MetricDispersion hit = r.stability().of("hit_rate").orElseThrow();
            assertThat(hit.folds()).isEqualTo(3);
            assertThat(hit.mean()).isCloseTo(0.5, within(1e-12));
            assertThat(hit.std().getAsDouble()).isCloseTo(0.5, within(1e-12));
            assertThat(hit.worst()).isZero();
            assertThat(hit.worstFold()).isEqualTo(2);
            assertThat(hit.trendSlope().getAsDouble()).isCloseTo(-0.5, within(1e-12));
            // rmse is lower-is-better: errors 0.99 ×2, then 0.99 & 1.01, then 1.01 ×2 → worst fold 2
            MetricDispersion rmse = r.stability().of("rmse").orElseThrow();
            assertThat(rmse.higherIsBetter()).isFalse();
            assertThat(rmse.worstFold()).isEqualTo(2);
            assertThat(rmse.worst()).isCloseTo(1.01, within(1e-12));
            assertThat(r.stability().perturbation()).isEmpty();
        }

        @Test
        void input_noise_moves_a_linear_model_by_about_size_times_sigma_times_root_two_over_pi() {
            // feature 1 ~ N(0, 1); model = feature 1; noise 0.01·σ·z → E|Δ| = 0.01·σ·√(2/π) ≈ 0.00798
            Dataset data = signal(2_000, 0.01, 6);
            EvaluationReport r = evaluator.evaluate(x -> x[1], data, options.withPerturbation(0.01, 7));
            var p = r.stability().perturbation().orElseThrow();
            assertThat(p.meanAbsoluteChange()).isCloseTo(0.01 * Math.sqrt(2 / Math.PI), within(0.0012));
            assertThat(p.signFlipRate()).isBetween(0.0, 0.05);
            EvaluationReport constant = evaluator.evaluate(x -> 0.5, data, options.withSegments(4));
            assertThat(constant.stability().perturbation().orElseThrow().meanAbsoluteChange()).isZero();
            assertThat(constant.stability().perturbation().orElseThrow().relativeChange()).isEmpty();
            assertThat(constant.stability().folds()).hasSize(4);
        }
    }

    @Test
    void a_classification_report_round_trips_through_json() {
        Predictions p = Predictions.of(new double[] {1, 1, 0, 0, 1, 0}, new double[] {0.9, 0.4, 0.6, 0.1, 0.8, 0.4});
        EvaluationReport r = evaluator.evaluate(p, options.withTask(Task.BINARY_CLASSIFICATION).withSegments(2));
        assertThat(r.sections()).isEmpty();
        assertThat(r.classification().orElseThrow().rocAuc().getAsDouble()).isCloseTo(7.5 / 9, within(1e-12));
        assertThat(r.metrics()).containsKeys("accuracy", "roc_auc", "log_loss");
        String json = EvaluationReports.toJson(r);
        assertThat(EvaluationReports.fromJson(json)).isEqualTo(r);
    }

    @Test
    void a_cross_section_with_dates_and_assets_gets_per_date_ic_turnover_and_costs() {
        // two dates × two assets, as in StockMetricsTest: strategy returns [.005, −.01] before costs;
        // mean position change 1 per date, 20 bps → each date pays .002: [.003, −.012]
        // date 1: p [1, −1] vs a [.02, .01] → ρ = 1; date 2: p [−1, −1] constant → undefined
        Predictions p = Predictions.of(new double[] {.02, .01, -.01, .03}, new double[] {1, -1, -1, -1})
                .withDates(new long[] {1, 1, 2, 2}).withAssets(List.of("x", "y", "x", "y"));
        EvaluationReport r = evaluator.evaluate(p,
                options.withDomain(MarketOptions.defaults().withCostBps(20)).withSegments(1));
        var stock = r.section(StockMetrics.class).orElseThrow();
        assertThat(stock.ic().crossSectional()).isTrue();
        assertThat(stock.ic().periods()).isEqualTo(1);
        assertThat(stock.ic().undefinedPeriods()).isEqualTo(1);
        assertThat(stock.ic().mean().getAsDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(stock.strategy().periods()).isEqualTo(2);
        assertThat(stock.strategy().turnover().getAsDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(stock.strategyReturns()).hasSize(2);
        assertThat(stock.strategyReturns().get(0)).isCloseTo(.003, within(1e-12));
        assertThat(stock.strategyReturns().get(1)).isCloseTo(-.012, within(1e-12));
        // E = 1.003 · 0.988 − 1
        assertThat(stock.strategy().totalReturn()).isCloseTo(1.003 * 0.988 - 1, within(1e-12));
    }

    @Test
    @Timeout(120)
    void one_evaluator_serves_many_threads_with_identical_results() throws Exception {
        Dataset data = signal(500, 0.005, 8);
        EvaluationReport expected = evaluator.evaluate(FIRST_FEATURE, data, options);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<EvaluationReport>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> evaluator.evaluate(FIRST_FEATURE, data, options)));
            }
            for (var f : futures) {
                assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static RuleOutcome rule(List<RuleOutcome> rules, String name) {
        return rules.stream().filter(r -> r.rule().equals(name)).findFirst().orElseThrow();
    }

    @Nested
    class Guards_cap_the_recommendation {
        @Test
        void a_signal_that_passes_every_gate_but_is_too_good_is_held_naming_the_guards() {
            EvaluationReport r = evaluator.evaluate(FIRST_FEATURE, signal(300, 0.005, 3), guarded);
            assertThat(evaluator.evaluate(FIRST_FEATURE, signal(300, 0.005, 3), options).decision()
                    .recommendation()).isEqualTo(Recommendation.PROMOTE);
            assertThat(r.decision().recommendation()).isEqualTo(Recommendation.HOLD);
            assertThat(r.decision().reason()).startsWith("suspicious, at best HOLD: guard failed")
                    .contains("guard_contemporaneous_feature").contains("guard_max_sharpe");
            assertThat(r.decision().rules()).filteredOn(o -> o.rule().startsWith("guard_"))
                    .allSatisfy(o -> assertThat(o.hard()).isFalse());
        }

        @Test
        void a_failed_hard_gate_still_rejects_when_a_guard_fails_too() {
            EvaluationReport r = evaluator.evaluate(FIRST_FEATURE, signal(50, 0.005, 3), guarded);
            assertThat(r.decision().recommendation()).isEqualTo(Recommendation.REJECT);
            assertThat(r.decision().reason()).contains("min_samples");
        }

        @Test
        void a_challenger_whose_own_guard_fails_is_held_in_the_comparison() {
            Dataset data = signal(400, 0.004, 5);
            ChampionChallengerReport c = evaluator.compare(x -> x[0] + x[1] * 0.02, FIRST_FEATURE, data, guarded);
            assertThat(c.decision().recommendation()).isEqualTo(Recommendation.HOLD);
            assertThat(c.decision().reason()).contains("challenger.guard_");
        }

        @Test
        void guards_and_ceilings_are_validated_and_configurable() {
            assertThatThrownBy(() -> dev.modelregistry.api.evaluation.Guards.defaults().withMaxLagAdvantage(0))
                    .isInstanceOf(dev.modelregistry.api.InvalidArgumentException.class)
                    .hasMessageContaining("maxLagAdvantage");
            assertThatThrownBy(() -> dev.modelregistry.api.evaluation.Guards.defaults().withTrainingRange(5, 4))
                    .isInstanceOf(dev.modelregistry.api.InvalidArgumentException.class);
            assertThatThrownBy(() -> dev.modelregistry.api.evaluation.market.Plausibility.defaults()
                    .withMaxHitRate(0.5)).isInstanceOf(dev.modelregistry.api.InvalidArgumentException.class)
                    .hasMessageContaining("maxHitRate");
            // Raising every ceiling and the lag advantage lets the same strong synthetic signal through.
            EvaluationOptions loose = EvaluationOptions.defaults()
                    .withGuards(dev.modelregistry.api.evaluation.Guards.defaults().withMaxLagAdvantage(1)
                            .withMaxFeatureLabelCorrelation(1))
                    .withDomain(MarketOptions.defaults().withPlausibility(
                            dev.modelregistry.api.evaluation.market.Plausibility.defaults().withMaxR2(1)
                                    .withMaxHitRate(1).withMaxIc(1).withMaxSharpe(100)));
            assertThat(evaluator.evaluate(FIRST_FEATURE, signal(300, 0.005, 3), loose).decision().recommendation())
                    .isEqualTo(Recommendation.PROMOTE);
        }
    }
}
