package dev.modelregistry.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every rule TrainingInput.of checks once, so that no trainer checks it again. */
class TrainingInputTest {
    static final TrainingSpec BINARY = TrainingSpec.defaults().withTask(Task.BINARY_CLASSIFICATION);

    @Test
    void a_checked_input_carries_the_resolved_hyper_parameters() {
        TrainingInput input = TrainingInput.of(Fixtures.trainer(false), TrainingSpec.defaults()
                .withParameter("rounds", "12"), Fixtures.data(1, 2), Optional.of(Fixtures.data(3)), TrainingContext.NONE);
        assertThat(input.parameters().intValue("rounds")).isEqualTo(12);
        assertThat(input.parameters().doubleValue("eta")).isEqualTo(0.3);
        assertThat(input.validation()).isPresent();
        assertThat(input.toString()).contains("trainer fake", "rounds=12");
    }

    @Test
    void a_task_the_trainer_does_not_support_is_refused() {
        Trainer regressionOnly = new TrainerSupport("reg", "f", "1", "g:a", java.util.Set.of(Task.REGRESSION),
                List.of()) {
            @Override
            public NativeModel train(TrainingInput input) {
                throw new UnsupportedOperationException();
            }

            @Override
            public NativeModel read(java.io.InputStream in, int featureCount) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> TrainingInput.of(regressionOnly, BINARY, Fixtures.data(0, 1), Optional.empty(),
                TrainingContext.NONE)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("trainer 'reg' does not support BINARY_CLASSIFICATION; it supports [REGRESSION]");
    }

    @Test
    void unknown_hyper_parameters_are_refused_by_name() {
        assertThatThrownBy(() -> Fixtures.input(TrainingSpec.defaults().withParameter("no_such", "1"), Optional.empty()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no_such");
    }

    @Test
    void empty_sets_and_a_validation_set_with_other_features_are_refused() {
        Dataset empty = Fixtures.data(1).slice(0, 0);
        assertThatThrownBy(() -> TrainingInput.of(Fixtures.trainer(true), TrainingSpec.defaults(), empty,
                Optional.empty(), TrainingContext.NONE)).hasMessage("the training set has no rows");
        assertThatThrownBy(() -> Fixtures.input(TrainingSpec.defaults(), Optional.of(empty)))
                .hasMessage("the validation set has no rows");
        Dataset narrow = Dataset.of(List.of("a"), new double[][] {{1}}, new double[] {1});
        assertThatThrownBy(() -> Fixtures.input(TrainingSpec.defaults(), Optional.of(narrow)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("the validation set's 1 features [a] differ from the training set's 2 [a, b]");
        Dataset renamed = Dataset.of(List.of("b", "a"), new double[][] {{1, 2}}, new double[] {1});
        assertThatThrownBy(() -> Fixtures.input(TrainingSpec.defaults(), Optional.of(renamed)))
                .as("same width, other names").isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("[b, a]");
    }

    @Test
    void binary_classification_needs_labels_0_or_1_in_both_sets() {
        assertThat(TrainingInput.of(Fixtures.trainer(true), BINARY, Fixtures.data(0, 1, 1), Optional.of(
                Fixtures.data(1, 0)), TrainingContext.NONE).train().rowCount()).isEqualTo(3);
        assertThatThrownBy(() -> TrainingInput.of(Fixtures.trainer(true), BINARY, Fixtures.data(0, 2),
                Optional.empty(), TrainingContext.NONE)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("binary classification needs labels 0 or 1; row 1 of the training set has 2.0");
        assertThatThrownBy(() -> TrainingInput.of(Fixtures.trainer(true), BINARY, Fixtures.data(0, 1),
                Optional.of(Fixtures.data(0.5)), TrainingContext.NONE))
                .hasMessageContaining("row 0 of the validation set has 0.5");
    }

    @Test
    void missing_values_pass_to_every_trainer_as_the_registry_imputes_them_itself() {
        double[][] rows = {{1, 2}, {3, Double.NaN}};
        Dataset withNaN = Dataset.of(List.of("a", "b"), rows, new double[] {1, 2});
        assertThat(TrainingInput.of(Fixtures.trainer(false), TrainingSpec.defaults(), withNaN, Optional.of(withNaN),
                TrainingContext.NONE).train()).isSameAs(withNaN);
    }

    @Test
    void other_rows_are_checked_but_the_spec_is_not_resolved_again() {
        TrainingInput input = TrainingInput.of(Fixtures.trainer(false), BINARY, Fixtures.data(0, 1),
                Optional.empty(), TrainingContext.NONE);
        TrainingInput fold = input.withData(Fixtures.data(1, 1, 0), Optional.of(Fixtures.data(0)));
        assertThat(fold.parameters()).isSameAs(input.parameters());
        assertThat(fold.train().rowCount()).isEqualTo(3);
        assertThatThrownBy(() -> input.withData(Fixtures.data(3), Optional.empty()))
                .hasMessageContaining("needs labels 0 or 1");
        assertThatThrownBy(() -> input.withData(Fixtures.data(1), Optional.of(Dataset.of(List.of("z"),
                new double[][] {{1}}, new double[] {1})))).hasMessageContaining("differ from the training set's");
    }

    @Test
    void null_arguments_are_named() {
        assertThatThrownBy(() -> TrainingInput.of(null, TrainingSpec.defaults(), Fixtures.data(1), Optional.empty(),
                TrainingContext.NONE)).isInstanceOf(NullPointerException.class).hasMessage("trainer");
        assertThatThrownBy(() -> Fixtures.input(TrainingSpec.defaults(), Optional.empty()).withData(null,
                Optional.empty())).isInstanceOf(NullPointerException.class).hasMessage("train");
    }
}
