package dev.modelregistry.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PropertyTest {

    static UnaryOperator<String> properties(Map<String, String> values) {
        return values::get;
    }

    @Nested
    class Tries {

        @Test
        void are_honoured() {
            AtomicInteger calls = new AtomicInteger();

            Report report = Property.forAll(Gen.integers()).tries(37).check(x -> calls.incrementAndGet());

            assertThat(calls).hasValue(37);
            assertThat(report.tries()).isEqualTo(37);
        }

        @Test
        void default_to_the_system_property() {
            String saved = System.getProperty(Config.TRIES_PROPERTY);
            System.setProperty(Config.TRIES_PROPERTY, "17");
            try {
                AtomicInteger calls = new AtomicInteger();
                Property.forAll(Gen.booleans()).check(x -> calls.incrementAndGet());
                assertThat(calls).hasValue(17);
            } finally {
                if (saved == null) {
                    System.clearProperty(Config.TRIES_PROPERTY);
                } else {
                    System.setProperty(Config.TRIES_PROPERTY, saved);
                }
            }
        }

        @Test
        void default_to_200_when_the_system_property_is_unset() {
            assertThat(Config.DEFAULT.resolveTries(properties(Map.of()))).isEqualTo(200);
            assertThat(Config.DEFAULT.resolveTries(properties(Map.of("modelregistry.tries", "1000")))).isEqualTo(1000);
            assertThat(Config.DEFAULT.withTries(5).resolveTries(properties(Map.of("modelregistry.tries", "1000"))))
                    .isEqualTo(5);
        }

        @Test
        void reject_invalid_settings() {
            assertThatThrownBy(() -> Config.DEFAULT.resolveTries(properties(Map.of("modelregistry.tries", "many"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modelregistry.tries");
            assertThatThrownBy(() -> Property.forAll(Gen.booleans()).tries(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Property.forAll(Gen.booleans()).maxShrinks(-1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Seeds {

        @Test
        void come_from_the_system_property_when_not_set_explicitly() {
            assertThat(Config.DEFAULT.resolveSeed(properties(Map.of()))).isEmpty();
            assertThat(Config.DEFAULT.resolveSeed(properties(Map.of("modelregistry.seed", "-42"))))
                    .isEqualTo(OptionalLong.of(-42));
            assertThat(Config.DEFAULT.withSeed(7).resolveSeed(properties(Map.of("modelregistry.seed", "-42"))))
                    .isEqualTo(OptionalLong.of(7));
            assertThatThrownBy(() -> Config.DEFAULT.resolveSeed(properties(Map.of("modelregistry.seed", "x"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modelregistry.seed");
        }

        @Test
        void are_reported_after_apassing_run() {
            assertThat(Property.forAll(Gen.integers()).seed(123).tries(3).check(x -> { }).seed()).isEqualTo(123);
        }
    }

    @Nested
    class DiscardedTries {

        @Test
        void are_not_failures_and_do_not_count_as_tries() {
            AtomicInteger checked = new AtomicInteger();

            Report report = Property.forAll(Gen.integers(0, 1000)).tries(100).check(x -> {
                Assume.that(x % 2 == 0);
                checked.incrementAndGet();
                assertThat(x % 2).isZero();
            });

            assertThat(report.tries()).isEqualTo(100);
            assertThat(checked).hasValue(100);
            assertThat(report.discarded()).isPositive();
        }

        @Test
        void include_junit_assumptions_and_discard_calls() {
            Report report = Property.forAll(Gen.integers(0, 3)).tries(50).check(x -> {
                Assumptions.assumeTrue(x != 1);
                if (x == 2) {
                    Assume.discard();
                }
            });

            assertThat(report.tries()).isEqualTo(50);
            assertThat(report.discarded()).isPositive();
        }

        @Test
        void make_the_property_give_up_when_almost_all_are_discarded() {
            assertThatThrownBy(() -> Property.forAll(Gen.integers()).tries(10).check(x -> Assume.that(x == 12345)))
                    .isInstanceOf(AssertionError.class)
                    .isNotInstanceOf(PropertyFailure.class)
                    .hasMessageContaining("gave up");
        }

        @Test
        void are_never_accepted_as_shrunk_counterexamples() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.integers(0, 1000)).seed(3).tries(1000).check(x -> {
                        Assume.that(x % 2 == 1);
                        assertThat(x).isLessThan(10);
                    }));

            assertThat(failure.minimalCounterexample()).isEqualTo(11);
        }
    }

    @Nested
    class TwoArguments {

        @Test
        void are_checked_together() {
            AtomicInteger calls = new AtomicInteger();

            Property.forAll(Gen.strings(0, 5), Gen.integers(0, 9), (s, n) -> {
                calls.incrementAndGet();
                assertThat(s.repeat(n)).hasSize(s.length() * n);
            });

            assertThat(calls.get()).isPositive();
        }

        @Test
        void fail_with_apair_counterexample() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.strings(Alphabet.ASCII_LETTERS, 0, 5), Gen.integers(0, 9)).seed(1).tries(500)
                    .check((s, n) -> assertThat(s.length() + n).isLessThan(6)));

            assertThat(failure.minimalCounterexample()).isEqualTo(new Pair<>("", 6));
            assertThat(failure.getMessage()).contains("Minimal counterexample:\n    (\"\", 6)");
        }
    }
}
