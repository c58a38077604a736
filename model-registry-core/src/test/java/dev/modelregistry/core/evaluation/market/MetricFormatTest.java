package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report shows rates as percentages, p-values with their magnitude, and names in words. */
class MetricFormatTest {
    @Test
    void rates_returns_and_drawdowns_read_as_percentages() {
        assertThat(MetricFormat.value("max_drawdown", -0.351656)).isEqualTo("-35.17 %");
        assertThat(MetricFormat.value("hit_rate", 0.5321)).isEqualTo("53.21 %");
        assertThat(MetricFormat.value("annual_return", 0.071)).isEqualTo("7.10 %");
    }

    @Test
    void tiny_p_values_keep_their_magnitude_and_are_not_percentages() {
        assertThat(MetricFormat.value("hit_rate_p_value", 4.4e-21)).isEqualTo("4.40e-21");
        assertThat(MetricFormat.value("hit_rate_p_value", 0.0312)).isEqualTo("0.0312");
    }

    @Test
    void other_metrics_get_four_significant_digits_and_undefined_stays_undefined() {
        assertThat(MetricFormat.value("rmse", 0.0123456)).isEqualTo("0.01235");
        assertThat(MetricFormat.value("sharpe", Double.NaN)).isEqualTo("undefined");
        assertThat(MetricFormat.label("r2")).isEqualTo("R²");
        assertThat(MetricFormat.label("some_new_metric")).isEqualTo("some new metric");
    }

    @Test
    void period_axes_are_labelled_at_about_five_round_numbers() {
        assertThat(HtmlReport.roundStep(750)).isEqualTo(200);
        assertThat(HtmlReport.roundStep(100)).isEqualTo(20);
        assertThat(HtmlReport.roundStep(62_000)).isEqualTo(20_000);
        assertThat(HtmlReport.roundStep(3)).isEqualTo(1);
    }

    @Test
    void a_plain_time_index_is_shown_as_an_index_and_real_dates_as_dates() {
        java.util.Optional<java.time.Instant> s = java.util.Optional.of(java.time.Instant.ofEpochSecond(35));
        java.util.Optional<java.time.Instant> e = java.util.Optional.of(java.time.Instant.ofEpochSecond(1559));
        assertThat(HtmlReport.trainingRange(s, e)).isEqualTo("time index 35 to 1559");
        assertThat(HtmlReport.trainingRange(java.util.Optional.of(java.time.Instant.parse("2020-01-02T00:00:00Z")),
                java.util.Optional.of(java.time.Instant.parse("2024-06-28T00:00:00Z"))))
                .isEqualTo("2020-01-02T00:00:00Z to 2024-06-28T00:00:00Z");
        assertThat(HtmlReport.trainingRange(java.util.Optional.empty(), e)).isEqualTo("time range not recorded");
    }
}
