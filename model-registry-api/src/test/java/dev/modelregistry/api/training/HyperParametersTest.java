package dev.modelregistry.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParametersTest {

    @Test
    void resolving_fills_in_defaults_and_gives_typed_values() {
        HyperParameters p = HyperParameters.resolve(Fixtures.DECLARED, Map.of("eta", "0.05", "rounds", " 7 "));
        assertThat(p.intValue("rounds")).as("whitespace around a number is fine").isEqualTo(7);
        assertThat(p.longValue("rounds")).isEqualTo(7L);
        assertThat(p.doubleValue("rounds")).as("an integer widens").isEqualTo(7.0);
        assertThat(p.doubleValue("eta")).isEqualTo(0.05);
        assertThat(p.stringValue("optimiser")).isEqualTo("adagrad");
        assertThat(p.booleanValue("verbose")).isFalse();
        // The text as given (or the default), sorted by name: what registration records.
        assertThat(p.asMap()).containsExactly(Map.entry("eta", "0.05"), Map.entry("optimiser", "adagrad"),
                Map.entry("rounds", " 7 "), Map.entry("verbose", "false"));
        assertThat(p).isEqualTo(HyperParameters.resolve(Fixtures.DECLARED, Map.of("rounds", " 7 ", "eta", "0.05")));
    }

    @Test
    void an_unknown_name_is_refused_naming_it_and_the_known_ones() {
        assertThatThrownBy(() -> HyperParameters.resolve(Fixtures.DECLARED, Map.of("etta", "0.1")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("unknown hyper-parameter 'etta'; known: [eta, optimiser, rounds, verbose]");
    }

    @Test
    void values_of_the_wrong_type_or_out_of_range_are_refused_naming_the_parameter() {
        Map<String, String> bad = Map.of("rounds", "0", "eta", "fast");
        assertThatThrownBy(() -> HyperParameters.resolve(Fixtures.DECLARED, Map.of("rounds", "0")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'rounds'")
                .hasMessageContaining("out of range [1.0, 1000.0]");
        assertThatThrownBy(() -> HyperParameters.resolve(Fixtures.DECLARED, Map.of("rounds", "2.5")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'rounds' must be an integer");
        assertThatThrownBy(() -> HyperParameters.resolve(Fixtures.DECLARED, Map.of("eta", "NaN")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'eta' must be finite");
        assertThatThrownBy(() -> HyperParameters.resolve(Fixtures.DECLARED, Map.of("optimiser", "sgd")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'optimiser' must be one of");
        assertThatThrownBy(() -> HyperParameters.resolve(Fixtures.DECLARED, Map.of("verbose", "yes")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'verbose' must be true or false");
        // Parameters are checked in declaration order: the first bad one is named.
        assertThatThrownBy(() -> HyperParameters.resolve(Fixtures.DECLARED, bad)).hasMessageContaining("'rounds'");
    }

    @Test
    void a_name_declared_twice_is_refused() {
        List<HyperParameter> twice = List.of(Fixtures.DECLARED.get(0), Fixtures.DECLARED.get(0));
        assertThatThrownBy(() -> HyperParameters.resolve(twice, Map.of())).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'rounds' is declared twice");
    }

    @Test
    void reading_an_undeclared_name_or_another_type_is_refused() {
        HyperParameters p = HyperParameters.resolve(Fixtures.DECLARED, Map.of());
        assertThatThrownBy(() -> p.intValue("trees")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'trees' is not declared");
        assertThatThrownBy(() -> p.intValue("eta")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'eta' is DOUBLE, not INTEGER");
        assertThatThrownBy(() -> p.stringValue("rounds")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> p.intValue(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    }
}
