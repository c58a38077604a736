package dev.modelregistry.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MLflow's search filter subset: what it accepts, what it matches, and that it refuses the rest. */
class MlflowFilterTest {

    private static boolean matches(String filter, String name, Map<String, String> tags) {
        return MlflowFilter.parse(Optional.of(filter)).test(Map.of("name", name, "run_id", "r-1"), tags);
    }

    @Test
    void comparisons_joined_by_and_match_names_run_ids_and_tags() {
        assertThat(matches("name = 'churn' AND tags.team = 'risk'", "churn", Map.of("team", "risk"))).isTrue();
        assertThat(matches("name = 'churn' and tags.team = 'risk'", "churn", Map.of("team", "ops"))).isFalse();
        assertThat(matches("run_id = \"r-1\"", "x", Map.of())).isTrue();
        assertThat(matches("name != 'churn'", "churn", Map.of())).isFalse();
        assertThat(matches("tags.`data set` = 'q3'", "x", Map.of("data set", "q3"))).isTrue();
        assertThat(matches("tags.missing = 'q3'", "x", Map.of())).isFalse();
    }

    @Test
    void like_is_case_sensitive_with_percent_and_underscore_and_ilike_is_not() {
        assertThat(matches("name LIKE 'ch%'", "churn", Map.of())).isTrue();
        assertThat(matches("name LIKE 'CH%'", "churn", Map.of())).isFalse();
        assertThat(matches("name ILIKE 'CH%'", "churn", Map.of())).isTrue();
        assertThat(matches("name LIKE 'ch_rn'", "churn", Map.of())).isTrue();
        assertThat(matches("name LIKE 'a.c'", "abc", Map.of())).as("regex characters are literal").isFalse();
    }

    @Test
    void an_empty_filter_matches_everything_and_exact_names_can_narrow_a_query() {
        assertThat(MlflowFilter.parse(Optional.empty()).test(Map.of("name", "x"), Map.of())).isTrue();
        assertThat(MlflowFilter.parse(Optional.of("  ")).clauses()).isEmpty();
        assertThat(MlflowFilter.parse(Optional.of("name LIKE 'a%' AND name = 'ab'")).equality("name"))
                .contains("ab");
    }

    @Test
    void anything_outside_the_subset_is_an_invalid_parameter() {
        for (String bad : new String[] {"name == 'x'", "name = x", "name = 'x' OR name = 'y'", "version > '1'",
                "name = 'x' AND", "name IN ('x')", "creation_timestamp = '1'"}) {
            assertThatThrownBy(() -> MlflowFilter.parse(Optional.of(bad))).as(bad)
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }
}
