package dev.modelregistry.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one early-stopping rule, as its class comment states it. */
class EarlyStoppingTest {

    @Test
    void it_stops_after_patience_iterations_without_a_strict_improvement() {
        EarlyStopping s = new EarlyStopping(2, 0);
        assertThat(s.record(1, 1.0)).isTrue();
        assertThat(s.record(2, 0.5)).isTrue();
        assertThat(s.record(3, 0.5)).as("a tie is no improvement").isFalse();
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.record(4, 0.7)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestIteration()).contains(2);
        assertThat(s.bestMetric()).isEqualTo(0.5);
    }

    @Test
    void an_improvement_resets_the_patience() {
        EarlyStopping s = new EarlyStopping(2, 0);
        s.record(1, 1.0);
        s.record(2, 2.0);
        s.record(3, 0.9);
        s.record(4, 2.0);
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.bestIteration()).contains(3);
    }

    @Test
    void nan_and_infinity_never_improve_and_patience_counts_from_the_start() {
        EarlyStopping s = new EarlyStopping(2, 0);
        assertThat(s.record(1, Double.NaN)).isFalse();
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.record(2, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestIteration()).isEmpty();
        assertThat(s.bestMetric()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void an_improvement_must_beat_the_best_by_more_than_the_min_delta() {
        EarlyStopping s = new EarlyStopping(3, 0.1);
        assertThat(s.record(1, 1.0)).isTrue();
        assertThat(s.record(2, 0.95)).as("0.05 better, min delta 0.1").isFalse();
        assertThat(s.record(3, 0.9)).as("exactly 0.1 better is not more than 0.1").isFalse();
        assertThat(s.record(4, 0.89)).isTrue();
        assertThat(s.bestIteration()).contains(4);
        assertThat(s.bestMetric()).isEqualTo(0.89);
    }

    @Test
    void iterations_count_up() {
        EarlyStopping s = new EarlyStopping(2, 0);
        s.record(1, 1.0);
        assertThatThrownBy(() -> s.record(1, 0.5)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("iteration 1 recorded after iteration 1");
    }

    @Test
    void patience_and_min_delta_are_checked() {
        assertThatThrownBy(() -> new EarlyStopping(0, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("patience");
        assertThatThrownBy(() -> new EarlyStopping(1, -0.1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("min delta");
        assertThatThrownBy(() -> new EarlyStopping(1, Double.NaN)).isInstanceOf(InvalidArgumentException.class);
        TrainingInput input = Fixtures.input(TrainingSpec.defaults(), Optional.empty());
        assertThatThrownBy(() -> EarlyStopping.of(input, Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("min delta");
    }

    @Test
    void it_runs_only_with_a_positive_patience_and_a_validation_set() {
        Optional<Dataset> validation = Optional.of(Fixtures.data(4, 5));
        assertThat(EarlyStopping.of(Fixtures.input(TrainingSpec.defaults().withEarlyStopping(3), validation)))
                .hasValueSatisfying(s -> {
                    s.record(1, 1);
                    s.record(2, 2);
                    s.record(3, 2);
                    assertThat(s.shouldStop()).as("two iterations without improvement, patience 3").isFalse();
                    s.record(4, 2);
                    assertThat(s.shouldStop()).isTrue();
                });
        assertThat(EarlyStopping.of(Fixtures.input(TrainingSpec.defaults(), validation))).as("patience 0").isEmpty();
        assertThat(EarlyStopping.of(Fixtures.input(TrainingSpec.defaults().withEarlyStopping(3), Optional.empty())))
                .as("no validation set").isEmpty();
    }
}
