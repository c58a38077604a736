package dev.modelregistry.trainer.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.TrainingFailedException;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    @Test
    void parsesXgboostsEvaluationLine() {
        assertThat(TrainingRun.parseMetric("[0]\tvalidation-rmse:2.58900978806365556")).isEqualTo(2.58900978806365556);
        assertThat(TrainingRun.parseMetric("[12]\tvalidation-logloss:0.25\n")).isEqualTo(0.25);
    }

    @Test
    void readsNanAndInfinityAsCppPrintsThem() {
        assertThat(TrainingRun.parseMetric("[0]\tvalidation-rmse:nan")).isNaN();
        assertThat(TrainingRun.parseMetric("[0]\tvalidation-rmse:inf")).isInfinite();
    }

    @Test
    void refusesALineWithoutANumber() {
        assertThatThrownBy(() -> TrainingRun.parseMetric("[0]\tvalidation-rmse:"))
                .isInstanceOf(TrainingFailedException.class)
                .hasMessageContaining("validation-rmse");
    }
}
