package dev.modelregistry.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.DomainOptions;
import dev.modelregistry.api.evaluation.DomainScorer;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.MetricDispersion;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.evaluation.ReportSection;
import dev.modelregistry.api.evaluation.RuleOutcome;
import dev.modelregistry.api.evaluation.ScoreComponent;
import dev.modelregistry.api.evaluation.ScoreWeights;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.training.Task;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The seam between the generic evaluation and a domain: a domain the generic code has never heard of plugs
 * in through {@link DomainScorer} alone, and the market domain is absent unless asked for.
 */
class DomainScorerSeamTest {
    /** Settings of a toy domain: the largest acceptable absolute error. */
    record WorstErrorOptions(double maxWorstError) implements DomainOptions {
    }

    /** Its section: the largest absolute error. */
    record WorstError(double value) implements ReportSection {
        @Override
        public Map<String, Double> metrics() {
            return Map.of("worst_error", value);
        }
    }

    /** A domain that judges a regression by its largest absolute error, lower being better. */
    static class WorstErrorScorer implements DomainScorer<WorstErrorOptions> {
        @Override
        public String domain() {
            return "worst_error";
        }

        @Override
        public Class<WorstErrorOptions> optionsType() {
            return WorstErrorOptions.class;
        }

        @Override
        public Class<? extends ReportSection> sectionType() {
            return WorstError.class;
        }

        @Override
        public boolean appliesTo(Task task) {
            return task == Task.REGRESSION;
        }

        @Override
        public Scored score(Predictions predictions, WorstErrorOptions options) {
            double worst = worst(predictions);
            return new Scored(new WorstError(worst),
                    List.of(RuleOutcome.check("max_worst_error", true, RuleOutcome.Bound.AT_MOST,
                            options.maxWorstError(), OptionalDouble.of(worst))),
                    List.of(new ScoreInput("worst_error", 1.0, OptionalDouble.of(worst), Math.max(0, 1 - worst))));
        }

        @Override
        public Map<String, Double> foldMetrics(Predictions fold, WorstErrorOptions options) {
            return Map.of("worst_error", worst(fold));
        }

        @Override
        public boolean lowerIsBetter(String metric) {
            return true;
        }

        static double worst(Predictions p) {
            double[] a = p.actual();
            double[] q = p.predicted();
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(q[i] - a[i]));
            }
            return worst;
        }
    }

    // errors 0.5, 0.5, 0.5, 1 (MetricReferenceValuesTest's fixture): worst error 1; fold 0 = rows 0–1, fold 1 = rows 2–3
    final Predictions rows = Predictions.of(new double[] {1, 2, 3, 4}, new double[] {1.5, 1.5, 3.5, 3})
            .withFolds(new int[] {0, 0, 1, 1});
    final EvaluationOptions generic = EvaluationOptions.defaults().withGates(
            EvaluationOptions.defaults().gates().withMinSamples(4));
    final DefaultEvaluator evaluator = new DefaultEvaluator(List.of(new WorstErrorScorer()));

    @Test
    void a_domain_the_generic_code_does_not_know_adds_its_section_rules_score_and_fold_metrics() {
        EvaluationReport r = evaluator.evaluate(rows, generic.withDomain(new WorstErrorOptions(0.8)));

        assertThat(r.sections()).containsOnlyKeys("worst_error");
        assertThat(r.section(WorstError.class)).contains(new WorstError(1.0));
        assertThat(r.metrics()).containsEntry("worst_error", 1.0).containsKeys("rmse", "r2");
        // the domain's rule stands in for min_r2, after min_samples
        assertThat(r.decision().rules()).extracting(RuleOutcome::rule).containsExactly("min_samples", "max_worst_error");
        assertThat(r.decision().recommendation()).isEqualTo(Recommendation.REJECT);
        assertThat(r.decision().reason()).contains("max_worst_error (observed 1, required <= 0.8)");
        // score: r2 (0.1 · 0.65), stability (0.1 · its normalised value) and worst_error (1.0 · 0), sorted by name
        assertThat(r.score().components()).extracting(ScoreComponent::name)
                .containsExactly("r2", "stability", "worst_error");
        ScoreComponent worst = r.score().components().get(2);
        assertThat(worst.weight()).isEqualTo(1.0);
        assertThat(worst.contribution()).isZero();
        double total = 0.1 + 0.1 + 1.0;
        assertThat(r.score().components().get(0).contribution()).isCloseTo(0.1 * 0.65 / total, within(1e-12));
        // fold metrics: fold 0 worst 0.5, fold 1 worst 1 → lower is better, so fold 1 is the worst
        MetricDispersion d = r.stability().of("worst_error").orElseThrow();
        assertThat(d.higherIsBetter()).isFalse();
        assertThat(d.worstFold()).isEqualTo(1);
        assertThat(d.worst()).isEqualTo(1.0);
    }

    @Test
    void without_its_options_a_domain_is_off_and_the_generic_gate_applies() {
        EvaluationReport r = evaluator.evaluate(rows, generic);
        assertThat(r.sections()).isEmpty();
        assertThat(r.decision().rules()).extracting(RuleOutcome::rule).containsExactly("min_samples", "min_r2");
        assertThat(r.metrics()).doesNotContainKey("worst_error");
        // and a task the domain does not apply to skips it
        Predictions cls = Predictions.of(new double[] {1, 0, 1, 0}, new double[] {0.9, 0.2, 0.6, 0.4});
        EvaluationReport c = evaluator.evaluate(cls, generic.withTask(Task.BINARY_CLASSIFICATION)
                .withDomain(new WorstErrorOptions(0.8)));
        assertThat(c.sections()).isEmpty();
    }

    @Test
    void options_no_known_scorer_takes_and_clashing_names_are_refused() {
        // this evaluator knows only the toy domain, so market settings have no scorer
        assertThatThrownBy(() -> evaluator.evaluate(rows, generic.withDomain(MarketOptions.defaults())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no domain scorer takes")
                .hasMessageContaining("MarketOptions").hasMessageContaining("[worst_error]");
        // a domain whose score component repeats a generic one
        DomainScorer<WorstErrorOptions> clashing = new WorstErrorScorer() {
            @Override
            public Scored score(Predictions predictions, WorstErrorOptions options) {
                return new Scored(new WorstError(0), List.of(),
                        List.of(new ScoreInput("r2", 1, OptionalDouble.empty(), 0)));
            }
        };
        assertThatThrownBy(() -> new DefaultEvaluator(List.of(clashing)).evaluate(rows,
                generic.withDomain(new WorstErrorOptions(1)))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'r2'");
        assertThatThrownBy(() -> new DefaultEvaluator(List.of(new WorstErrorScorer(), new WorstErrorScorer())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("two domain scorers");
    }

    @Test
    void the_market_domain_is_found_on_the_class_path_and_is_off_by_default() {
        DefaultEvaluator discovered = new DefaultEvaluator();
        EvaluationReport plain = discovered.evaluate(rows, generic);
        assertThat(plain.sections()).isEmpty();
        assertThat(plain.metrics()).doesNotContainKeys("hit_rate", "sharpe");
        EvaluationReport market = discovered.evaluate(rows, generic.withDomain(MarketOptions.defaults()));
        assertThat(market.section(StockMetrics.class)).isPresent();
        assertThat(market.sections()).containsOnlyKeys(MarketOptions.DOMAIN);
        assertThat(market.metrics()).containsKeys("hit_rate", "sharpe", "max_drawdown");
        assertThat(market.decision().rules()).extracting(RuleOutcome::rule).doesNotContain("min_r2");
    }

    @Test
    void a_stored_report_keeps_its_market_section_and_one_from_before_sections_still_reads() throws Exception {
        EvaluationReport market = new DefaultEvaluator().evaluate(rows, generic.withDomain(MarketOptions.defaults()));
        String json = EvaluationReports.toJson(market);
        assertThat(json).contains("\"sections\":{\"market\":{").doesNotContain("\"metrics\":{\"annual");
        assertThat(EvaluationReports.fromJson(json)).isEqualTo(market);

        // the layout before sections: the market metrics in "stock", the strategy returns in the series
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(json);
        ObjectNode stock = (ObjectNode) old.remove("sections").get(MarketOptions.DOMAIN);
        ((ObjectNode) old.get("series")).set("strategyReturns", stock.remove("strategyReturns"));
        old.set("stock", stock);
        String legacy = old.toString();
        assertThat(legacy).doesNotContain("sections").contains("\"stock\":{\"hitRate\"");
        assertThat(EvaluationReports.fromJson(legacy)).isEqualTo(market);

        // a section no scorer on the class path reads is left out, the rest of the report intact
        String unknown = json.replace("\"sections\":{\"market\":", "\"sections\":{\"weather\":");
        EvaluationReport read = EvaluationReports.fromJson(unknown);
        assertThat(read.sections()).isEmpty();
        assertThat(read.decision()).isEqualTo(market.decision());
    }
}
