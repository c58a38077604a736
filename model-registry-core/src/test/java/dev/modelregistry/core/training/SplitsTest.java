package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Property;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
    record WalkForwardCase(int rows, int folds, int testSize, Splits.Window window, int trainSize, int purge,
            int embargo) {
    }

    static final Gen<WalkForwardCase> CASES = Gen.zip(
            Gen.integers(20, 2_000), Gen.integers(1, 8), Gen.integers(1, 50),
            Gen.elementOf(Splits.Window.values()), Gen.integers(1, 500), Gen.integers(0, 10),
            (rows, folds, testSize, window, trainSize, purge) -> new WalkForwardCase(rows, folds, testSize, window,
                    trainSize, purge, 0))
            .flatMap(c -> Gen.integers(0, 10).map(e -> new WalkForwardCase(c.rows(), c.folds(), c.testSize(),
                    c.window(), c.trainSize(), c.purge(), e)));

    @Test
    void walk_forward_never_trains_on_or_after_its_test_window_and_respects_purge_and_embargo() {
        Property.forAll(CASES).check(c -> {
            List<Split> splits;
            try {
                splits = Splits.walkForward(c.rows(), c.folds(), c.testSize(), c.window(), c.trainSize(), c.purge(),
                        c.embargo());
            } catch (InvalidArgumentException tooSmall) {
                // Refused because no training row would be left: only when that is really so.
                assertThat(c.rows() - c.folds() * c.testSize() - c.purge()).isLessThan(1);
                return;
            }
            assertThat(splits).hasSize(c.folds());
            int previousTestEnd = -1;
            for (Split s : splits) {
                int testStart = s.test()[0];
                int testEnd = s.test()[s.test().length - 1];
                assertThat(s.test()).hasSize(c.testSize());
                assertThat(testStart).isGreaterThan(previousTestEnd);
                assertThat(s.train()).isNotEmpty();
                assertThat(Arrays.stream(s.train()).boxed().toList()).allSatisfy(r -> {
                    assertThat(r).isLessThan(testStart - c.purge());
                    assertThat(r > testEnd && r <= testEnd + c.embargo()).isFalse();
                });
                if (c.window() == Splits.Window.ROLLING) {
                    assertThat(s.train().length).isLessThanOrEqualTo(c.trainSize());
                }
                previousTestEnd = testEnd;
            }
            assertThat(splits.get(splits.size() - 1).test()[c.testSize() - 1]).isEqualTo(c.rows() - 1);
        });
    }

    @Test
    void k_fold_tests_every_row_once_and_keeps_purge_and_embargo_out_of_training() {
        Property.forAll(Gen.integers(10, 500), Gen.integers(2, 10)).check((rows, k) -> {
            int purge = rows / 50;
            int embargo = rows / 40;
            List<Split> folds;
            try {
                folds = Splits.kFold(rows, k, purge, embargo);
            } catch (InvalidArgumentException e) {
                return;
            }
            int[] tested = folds.stream().flatMapToInt(s -> Arrays.stream(s.test())).sorted().toArray();
            assertThat(tested).isEqualTo(IntStream.range(0, rows).toArray());
            for (Split s : folds) {
                int start = s.test()[0];
                int end = s.test()[s.test().length - 1];
                assertThat(Arrays.stream(s.train()).boxed().toList())
                        .allSatisfy(r -> assertThat(r < start - purge || r > end + embargo).isTrue());
            }
        });
    }

    @Test
    void holdout_tests_the_last_rows() {
        Split s = Splits.holdout(100, 0.2, 5).get(0);
        assertThat(s.test()).startsWith(80).endsWith(99);
        assertThat(s.train()).hasSize(75).endsWith(74);
        assertThatThrownBy(() -> Splits.holdout(100, 1.5, 0)).isInstanceOf(InvalidArgumentException.class);
    }
}
