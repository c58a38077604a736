package dev.modelregistry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "spx-next-day", "model_v2.1", "A9", "x.y.z"})
    void valid_model_names_pass(String name) {
        assertThat(Names.requireModelName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a\\b", "a..b", "..", "%41", "a\u0007", "-lead", ".dot", "sp ace", "é"})
    void invalid_model_names_fail_with_the_reason(String name) {
        assertThatThrownBy(() -> Names.requireModelName(name)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("model name");
    }

    @Test
    void length_is_limited_to_255() {
        assertThat(Names.requireModelName("a".repeat(255))).hasSize(255);
        assertThatThrownBy(() -> Names.requireModelName("a".repeat(256))).hasMessageContaining("256 characters");
    }

    @Test
    void control_characters_are_shown_escaped_in_messages() {
        assertThatThrownBy(() -> Names.requireModelName("bad\nname")).hasMessageContaining("\\u000A");
    }

    @Test
    void tag_values_refuse_control_characters_and_excess_length() {
        assertThat(Names.requireTagValue("tab\tis fine")).isNotEmpty();
        assertThatThrownBy(() -> Names.requireTagValue("no\u0000nul")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Names.requireTagValue("x".repeat(5001))).isInstanceOf(InvalidArgumentException.class);
    }
}
