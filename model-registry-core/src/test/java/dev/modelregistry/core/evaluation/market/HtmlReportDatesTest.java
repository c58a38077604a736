package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import dev.modelregistry.core.evaluation.EvaluationReports;
import dev.modelregistry.testkit.domain.DomainGen;
import dev.modelregistry.testkit.domain.PanelSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The report of dated predictions: dates in the header and on the axes, the annualisation shown. Run with
 * {@code -Dreport.out=/tmp/panel.html} to keep the page for a look in a browser.
 */
class HtmlReportDatesTest {

    /** A 9-asset daily panel with a weak signal, as walk-forward would hand it over. */
    static Predictions panel() {
        PanelSample sample = DomainGen.panels(9, 9, 500, 500).samples(11, 1).get(0);
        Random random = new Random(5);
        List<Double> actual = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        List<Long> dates = new ArrayList<>();
        List<String> assets = new ArrayList<>();
        double[][] r = sample.returns();
        for (int t = 0; t < r.length; t++) {
            for (int a = 0; a < sample.assets().size(); a++) {
                if (!Double.isNaN(r[t][a])) {
                    actual.add(r[t][a]);
                    predicted.add(0.03 * r[t][a] + random.nextGaussian() * 0.01);
                    dates.add(sample.times()[t]);
                    assets.add(sample.assets().get(a));
                }
            }
        }
        return Predictions.of(actual.stream().mapToDouble(Double::doubleValue).toArray(),
                predicted.stream().mapToDouble(Double::doubleValue).toArray())
                .withDates(dates.stream().mapToLong(Long::longValue).toArray()).withAssets(assets);
    }

    @Test
    void a_dated_panel_shows_its_date_range_assets_and_annualisation_and_keeps_times_through_json() throws Exception {
        Predictions p = panel();
        EvaluationReport report = new DefaultEvaluator().evaluate(p,
                EvaluationOptions.defaults().withDomain(MarketOptions.defaults().withCostBps(5)));
        assertThat(report.series().times()).hasSize(p.size());
        assertThat(report.series().assets()).hasSize(p.size());
        String html = HtmlReport.render("Panel", report);
        long[] dates = p.dates().orElseThrow();
        String first = java.time.LocalDate.ofEpochDay(dates[0] / 86_400).toString();
        String last = java.time.LocalDate.ofEpochDay(dates[dates.length - 1] / 86_400).toString();
        assertThat(html).contains("Evaluated " + first + " to " + last + ": 500 dates, 9 assets")
                .contains("252 periods a year", "daily bars", "followed by a gap")
                .contains("hit-rate p-value (clustered by date)");
        assertThat(HtmlReport.charts(report)).extracting(HtmlReport.Drawn::title)
                .contains("Cumulative strategy return", "Drawdown");
        EvaluationReport back = EvaluationReports.fromJson(EvaluationReports.toJson(report));
        assertThat(back.series().times()).isEqualTo(report.series().times());
        assertThat(back.series().assets()).isEqualTo(report.series().assets());
        String out = System.getProperty("report.out");
        if (out != null) {
            HtmlReport.write("9-asset daily panel (synthetic)", report, Path.of(out));
        }
    }

    @Test
    void tick_labels_read_as_dates_times_of_day_or_the_index() {
        long day = java.time.LocalDate.of(2021, 3, 4).toEpochDay() * 86_400;
        assertThat(HtmlReport.Axis.of(List.of(day, day + 86_400))).isEqualTo(HtmlReport.Axis.DAYS);
        assertThat(HtmlReport.tickLabel(day, HtmlReport.Axis.DAYS)).isEqualTo("2021-03-04");
        assertThat(HtmlReport.Axis.of(List.of(day + 1800, day + 3600))).isEqualTo(HtmlReport.Axis.INTRADAY);
        assertThat(HtmlReport.tickLabel(day + 14 * 3600 + 1800, HtmlReport.Axis.INTRADAY)).isEqualTo("03-04 14:30");
        assertThat(HtmlReport.formatTime(day + 14 * 3600 + 1800, HtmlReport.Axis.INTRADAY))
                .isEqualTo("2021-03-04 14:30 UTC");
        assertThat(HtmlReport.Axis.of(List.of(1L, 2L, 3L))).isEqualTo(HtmlReport.Axis.INDEX);
        assertThat(HtmlReport.tickLabel(1000L * day, HtmlReport.Axis.DAYS)).as("epoch milliseconds")
                .isEqualTo("2021-03-04");
    }

    @Test
    void a_report_without_times_still_renders_with_the_period_index() {
        Predictions p = Predictions.of(new double[] {0.01, -0.02, 0.03, 0.01}, new double[] {0.02, -0.01, 0.01, -0.01});
        EvaluationReport report = new DefaultEvaluator().evaluate(p,
                EvaluationOptions.defaults().withDomain(MarketOptions.defaults()));
        assertThat(report.series().times()).isEmpty();
        assertThat(HtmlReport.render("Plain", report)).contains("annualisation <b>252 periods a year</b>")
                .contains("no dates").doesNotContain("Evaluated ");
    }
}
