package dev.modelregistry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelRefTest {
    @Test
    void parses_the_three_forms_and_prints_them_back() {
        assertThat(ModelRef.parse("spx")).isEqualTo(ModelRef.latest("spx"));
        assertThat(ModelRef.parse("spx/3")).isEqualTo(ModelRef.version("spx", 3));
        assertThat(ModelRef.parse("spx@champion")).isEqualTo(ModelRef.alias("spx", "champion"));
        for (String text : new String[] {"spx", "spx/3", "spx@champion", "a.b-c_d/12"}) {
            assertThat(ModelRef.parse(text)).hasToString(text);
        }
    }

    @Test
    void reserved_aliases_read_as_what_they_name() {
        assertThat(ModelRef.parse("spx@latest")).isEqualTo(ModelRef.latest("spx"));
        assertThat(ModelRef.parse("spx@v7")).isEqualTo(ModelRef.version("spx", 7));
        assertThatThrownBy(() -> ModelRef.alias("spx", "latest")).isInstanceOf(InvalidNameException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spx/0", "spx/-1", "spx/x", "spx/", "spx/1@a", "/3", "@a", "spx@", "spx@a b",
            "spx/99999999999"})
    void malformed_references_are_refused(String text) {
        assertThatThrownBy(() -> ModelRef.parse(text)).isInstanceOf(InvalidArgumentException.class);
    }
}
