package dev.modelregistry.trainer.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.TrainingFailedException;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    @Test
    void parses_xgboosts_evaluation_line() {
        assertThat(TrainingRun.parseMetric("[0]\tvalidation-rmse:2.58900978806365556")).isEqualTo(2.58900978806365556);
        assertThat(TrainingRun.parseMetric("[12]\tvalidation-logloss:0.25\n")).isEqualTo(0.25);
    }

    @Test
    void reads_nan_and_infinity_as_cpp_prints_them() {
        assertThat(TrainingRun.parseMetric("[0]\tvalidation-rmse:nan")).isNaN();
        assertThat(TrainingRun.parseMetric("[0]\tvalidation-rmse:inf")).isInfinite();
    }

    @Test
    void refuses_aline_without_anumber() {
        assertThatThrownBy(() -> TrainingRun.parseMetric("[0]\tvalidation-rmse:"))
                .isInstanceOf(TrainingFailedException.class)
                .hasMessageContaining("validation-rmse");
    }
}
