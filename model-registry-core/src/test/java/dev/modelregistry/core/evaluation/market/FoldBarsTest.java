package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.evaluation.FoldMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-fold bar charts of the HTML report: what their axes promise a reader. */
class FoldBarsTest {

    @Test
    void bars_of_a_non_negative_metric_measure_from_zero_so_their_heights_compare() {
        List<FoldMetrics> folds = List.of(new FoldMetrics(1, 100, Map.of("hit_rate", 0.49)),
                new FoldMetrics(2, 100, Map.of("hit_rate", 0.53)));
        assertThat(HtmlReport.foldBars("hit_rate", folds).getStyler().getYAxisMin()).isEqualTo(0.0);
    }

    @Test
    void bars_of_a_metric_that_went_negative_keep_an_axis_that_shows_the_negative_fold() {
        List<FoldMetrics> folds = List.of(new FoldMetrics(1, 100, Map.of("ic", -0.02)),
                new FoldMetrics(2, 100, Map.of("ic", 0.04)));
        assertThat(HtmlReport.foldBars("ic", folds).getStyler().getYAxisMin()).isNull();
    }
}
