package dev.modelregistry.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.api.evaluation.ChampionChallengerReport;
import dev.modelregistry.api.evaluation.DieboldMariano;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import org.junit.jupiter.api.Test;

/**
 * Reports stored before panels were understood (no frequency, no clustered p-value, no times in the series,
 * no Diebold–Mariano aggregation) still read, with the meaning they had: rows, a given annualisation.
 */
class StoredReportCompatibilityTest {
    private static final EvaluationOptions OPTIONS = EvaluationOptions.defaults().withDomain(MarketOptions.defaults());

    @Test
    void an_evaluation_stored_without_the_panel_fields_reads_back() throws Exception {
        ClusteredStatisticsTest.Panel panel = ClusteredStatisticsTest.panel(3, 60, 1, false);
        EvaluationReport report = new DefaultEvaluator().evaluate(panel.predictions(panel.predicted()), OPTIONS);
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(EvaluationReports.toJson(report));
        ObjectNode market = (ObjectNode) tree.get("sections").get("market");
        market.remove("frequency");
        ((ObjectNode) market.get("hitRate")).remove("pValueByDate");
        ((ObjectNode) market.get("hitRate")).remove("dates");
        ((ObjectNode) tree.get("series")).remove("times");
        ((ObjectNode) tree.get("series")).remove("assets");

        EvaluationReport old = EvaluationReports.fromJson(tree.toString());
        StockMetrics m = old.section(StockMetrics.class).orElseThrow();
        assertThat(m.frequency().kind()).isEqualTo("given");
        assertThat(m.frequency().periodsPerYear()).isEqualTo(m.strategy().annualisation());
        assertThat(m.hitRate().pValueByDate()).isEmpty();
        assertThat(m.hitRate().gatingPValue()).isEqualTo(m.hitRate().pValue());
        assertThat(old.series().times()).isEmpty();
        assertThat(old.series().actual()).isEqualTo(report.series().actual());
    }

    @Test
    void a_comparison_stored_without_aggregation_reads_as_a_test_over_rows() throws Exception {
        ClusteredStatisticsTest.Panel panel = ClusteredStatisticsTest.panel(3, 60, 2, false);
        ChampionChallengerReport c = new DefaultEvaluator().compare(panel.predictions(panel.other()),
                panel.predictions(panel.predicted()), OPTIONS);
        assertThat(EvaluationReports.comparisonFromJson(EvaluationReports.toJson(c)).stackedDieboldMariano())
                .isEqualTo(c.stackedDieboldMariano());
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(EvaluationReports.toJson(c));
        ((ObjectNode) tree.get("dieboldMariano")).remove("aggregation");
        tree.remove("stackedDieboldMariano");
        ChampionChallengerReport old = EvaluationReports.comparisonFromJson(tree.toString());
        assertThat(old.dieboldMariano().aggregation()).isEqualTo(DieboldMariano.Aggregation.ROWS);
        assertThat(old.stackedDieboldMariano()).isEmpty();
    }
}
