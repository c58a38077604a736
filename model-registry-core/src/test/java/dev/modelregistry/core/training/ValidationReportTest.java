package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.FoldResult;
import dev.modelregistry.api.training.service.ValidationReport;

/** The summary of a validation across folds, including metrics that some folds do not report. */
class ValidationReportTest {
    static final Split SPLIT = new Split(new int[] {0}, new int[] {1});

    @Test
    void the_spread_of_a_metric_counts_only_the_folds_that_report_it() {
        // R² is left out of a fold whose actuals are constant. Over the two folds that report it, 0.5 and 0.7:
        // mean 0.6, sample std √((0.01 + 0.01) / 1) = 0.1414213562. Dividing the two folds' population
        // variance by n − 1 of all three folds, as the summary once did, gave √(0.01 · 3/2) = 0.1224744871.
        ValidationReport report = new DefaultValidationReport("t", List.of(
                new FoldResult(0, SPLIT, Map.of("r2", 0.5, "rmse", 1.0)),
                new FoldResult(1, SPLIT, Map.of("rmse", 2.0)),
                new FoldResult(2, SPLIT, Map.of("r2", 0.7, "rmse", 3.0))));
        assertThat(report.mean().get("r2")).isCloseTo(0.6, within(1e-15));
        assertThat(report.std().get("r2")).isCloseTo(Math.sqrt(0.02), within(1e-15));
        assertThat(report.std().get("rmse")).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void one_fold_has_no_spread() {
        ValidationReport report = new DefaultValidationReport("t", List.of(new FoldResult(0, SPLIT, Map.of("rmse", 2.0))));
        assertThat(report.std()).containsEntry("rmse", 0.0);
        assertThat(report.mean()).containsEntry("rmse", 2.0);
    }
}
