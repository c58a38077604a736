package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.testkit.property.Assume;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Property;
import dev.modelregistry.testkit.property.Report;
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

    record KFoldCase(int rows, int k, int purge, int embargo) {
        /** The fewest rows any fold may train on, from the documented rule: all but its block and its gaps. */
        int fewestTrainingRows() {
            int fewest = Integer.MAX_VALUE;
            for (int i = 0; i < k; i++) {
                int start = (int) ((long) rows * i / k);
                int end = (int) ((long) rows * (i + 1) / k);
                fewest = Math.min(fewest, Math.max(0, start - purge) + Math.max(0, rows - end - embargo));
            }
            return fewest;
        }
    }

    // Gaps up to 20 rows against 10 to 500 rows: small cases may leave a fold nothing to train on.
    static final Gen<KFoldCase> K_FOLD_CASES = Gen.zip(Gen.integers(10, 500), Gen.integers(2, 10),
            Gen.integers(0, 20), Gen.integers(0, 20), KFoldCase::new);

    @Test
    void k_fold_tests_every_row_once_and_keeps_purge_and_embargo_out_of_training() {
        Report report = Property.forAll(K_FOLD_CASES).check(c -> {
            if (c.fewestTrainingRows() < 1) {
                // Refused, and rightly: then the case is discarded (counted), not passed.
                assertThatThrownBy(() -> Splits.kFold(c.rows(), c.k(), c.purge(), c.embargo()))
                        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no rows left to train on");
                Assume.discard();
            }
            List<Split> folds = Splits.kFold(c.rows(), c.k(), c.purge(), c.embargo());
            assertThat(folds).hasSize(c.k());
            int[] tested = folds.stream().flatMapToInt(s -> Arrays.stream(s.test())).sorted().toArray();
            assertThat(tested).isEqualTo(IntStream.range(0, c.rows()).toArray());
            for (Split s : folds) {
                int start = s.test()[0];
                int end = s.test()[s.test().length - 1];
                assertThat(Arrays.stream(s.train()).boxed().toList())
                        .allSatisfy(r -> assertThat(r < start - c.purge() || r > end + c.embargo()).isTrue());
                assertThat(s.train()).hasSize(Math.max(0, start - c.purge())
                        + Math.max(0, c.rows() - 1 - end - c.embargo()));
            }
        });
        // The runner already fails a property that discards more than ten times its tries; this one
        // must check real splits more often than it discards.
        assertThat(report.discarded()).as("cases discarded (refused splits)").isLessThan(report.tries());
    }

    @Test
    void holdout_tests_the_last_rows() {
        Split s = Splits.holdout(100, 0.2, 5).get(0);
        assertThat(s.test()).startsWith(80).endsWith(99);
        assertThat(s.train()).hasSize(75).endsWith(74);
        assertThatThrownBy(() -> Splits.holdout(100, 1.5, 0)).isInstanceOf(InvalidArgumentException.class);
    }
}
