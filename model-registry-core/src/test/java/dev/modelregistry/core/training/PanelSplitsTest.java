package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.Gap;
import dev.modelregistry.api.training.service.Purging;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.testkit.property.Assume;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Property;
import dev.modelregistry.testkit.property.Report;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Time-stamp splits on random panels: business days as epoch seconds, some holidays, some assets missing
 * on some days. A label at bar b spans bars b+1 .. b+horizon, so a training row at bar i and a test row at
 * bar j have overlapping labels exactly when |i − j| < horizon.
 */
class PanelSplitsTest {

    /** A random panel: its time stamps, one per row, in time order, rows of one day adjacent. */
    record Panel(int assets, int days, long seed) {
        long[] times() {
            Random random = new Random(seed);
            List<Long> out = new ArrayList<>();
            LocalDate day = LocalDate.of(2000, 1, 3);
            int kept = 0;
            while (kept < days) {
                day = day.plusDays(1);
                if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                        || random.nextInt(40) == 0) {
                    continue;
                }
                kept++;
                long stamp = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
                int present = 0;
                for (int a = 0; a < assets; a++) {
                    if (random.nextInt(10) > 0 || (present == 0 && a == assets - 1)) {
                        out.add(stamp);
                        present++;
                    }
                }
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
    }

    enum Kind { WALK_FORWARD, K_FOLD, HOLDOUT }

    record Case(Panel panel, int horizon, Kind kind, int folds, int testBars, Splits.Window window, int trainBars) {
        List<Split> splits(Purging purging) {
            long[] t = panel.times();
            return switch (kind) {
                case WALK_FORWARD -> Splits.walkForward(t, folds, testBars, window, trainBars, purging);
                case K_FOLD -> Splits.kFold(t, folds + 1, purging);
                case HOLDOUT -> Splits.holdout(t, 0.05 + 0.05 * folds, purging);
            };
        }
    }

    static Gen<Case> cases(Gen<Integer> assets, Gen<Integer> horizons) {
        Gen<Panel> panels = Gen.zip(assets, Gen.integers(40, 300), Gen.longs(), Panel::new);
        return Gen.zip(panels, horizons, Gen.elementOf(Kind.values()), Gen.integers(1, 6), Gen.integers(1, 30),
                Gen.elementOf(Splits.Window.values()),
                (p, h, k, f, t, w) -> new Case(p, h, k, f, t, w, 0))
                .flatMap(c -> Gen.integers(10, 200).map(n -> new Case(c.panel(), c.horizon(), c.kind(), c.folds(),
                        c.testBars(), c.window(), n)));
    }

    /** The bar (index among the distinct time stamps) of each row. */
    static int[] bars(long[] times) {
        int[] bar = new int[times.length];
        for (int r = 1; r < times.length; r++) {
            bar[r] = bar[r - 1] + (times[r] != times[r - 1] ? 1 : 0);
        }
        return bar;
    }

    /** Rows of {@code rows} whose label window overlaps that of some row of {@code others}. */
    static long overlapping(int[] rows, int[] others, int[] bar, int horizon) {
        if (others.length == 0) {
            return 0;
        }
        int[] otherBars = Arrays.stream(others).map(r -> bar[r]).sorted().distinct().toArray();
        return Arrays.stream(rows).filter(r -> Arrays.stream(otherBars)
                .anyMatch(b -> Math.abs(bar[r] - b) < horizon)).count();
    }

    /** Checks one set of splits: no day split, no overlapping labels, validation after training. */
    static void checkClean(long[] times, List<Split> splits, int horizon) {
        int[] bar = bars(times);
        for (Split s : splits) {
            int[] trainAndValidation = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation()))
                    .toArray();
            assertThat(Arrays.stream(s.test()).mapToLong(r -> times[r]).distinct())
                    .as("dates both tested and trained or validated in %s", s)
                    .doesNotContainAnyElementsOf(Arrays.stream(trainAndValidation).mapToObj(r -> times[r]).toList());
            assertThat(overlapping(trainAndValidation, s.test(), bar, horizon))
                    .as("training rows whose label overlaps a test label in %s", s).isZero();
            assertThat(overlapping(s.train(), s.validation(), bar, horizon))
                    .as("training rows whose label overlaps a validation label in %s", s).isZero();
            // Whole days only: every row of a day that appears in the split's parts is in that part.
            Map<Long, Integer> perDay = new HashMap<>();
            Arrays.stream(times).forEach(t -> perDay.merge(t, 1, Integer::sum));
            for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
                Map<Long, Integer> inPart = new HashMap<>();
                Arrays.stream(part).forEach(r -> inPart.merge(times[r], 1, Integer::sum));
                inPart.forEach((day, n) -> assertThat(n).as("rows of day %d in one part", day)
                        .isEqualTo(perDay.get(day)));
            }
        }
    }

    /** Splits, or discards the case if it is refused only for having too little data to train on. */
    static List<Split> splitOrDiscard(Case c, Purging purging) {
        try {
            return c.splits(purging);
        } catch (InvalidArgumentException tooSmall) {
            assertThat(tooSmall.getMessage()).doesNotContain("label horizon");
            return Assume.discard();
        }
    }

    @Test
    void nine_asset_panel_with_five_day_labels_and_defaults_never_splits_a_day_or_overlaps_a_test_label() {
        Report report = Property.forAll(cases(Gen.constant(9), Gen.constant(5))).check(c ->
                checkClean(c.panel().times(), splitOrDiscard(c, Purging.horizon(5)), 5));
        assertThat(report.discarded()).isLessThan(report.tries());
    }

    @Test
    void random_panels_and_horizons_with_defaults_never_split_a_day_or_overlap_a_test_label() {
        Report report = Property.forAll(cases(Gen.integers(1, 12), Gen.integers(1, 10))).check(c ->
                checkClean(c.panel().times(), splitOrDiscard(c, Purging.horizon(c.horizon())), c.horizon()));
        assertThat(report.discarded()).isLessThan(report.tries());
    }

    @Test
    void a_purge_given_as_time_is_used_when_it_covers_the_horizon_and_refused_when_it_does_not() {
        Gen<Case> gen = cases(Gen.integers(1, 9), Gen.integers(2, 8));
        Property.forAll(gen, Gen.integers(0, 14)).check((c, days) -> {
            Purging purging = Purging.horizon(c.horizon()).purge(Gap.of(Duration.ofDays(days)))
                    .embargo(Gap.of(Duration.ofDays(days)));
            List<Split> splits;
            try {
                splits = c.splits(purging);
            } catch (InvalidArgumentException e) {
                if (e.getMessage().contains("label horizon")) {
                    // Refused: then the default purge in bars works where the span did not.
                    assertThat(e.getMessage()).contains("Gap.bars(" + (c.horizon() - 1) + ")");
                    return;
                }
                Assume.discard();
                return;
            }
            checkClean(c.panel().times(), splits, c.horizon());
        });
    }

    @Test
    void a_purge_shorter_than_horizon_minus_one_is_refused_with_what_to_set() {
        long[] times = new Panel(9, 200, 1).times();
        Purging short1 = Purging.horizon(5).purge(Gap.bars(1));
        assertThatThrownBy(() -> Splits.walkForward(times, 3, 20, Splits.Window.EXPANDING, 0, short1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("covers 1 bar(s), fewer than the label horizon 5 - 1 = 4")
                .hasMessageContaining("set purge(Gap.bars(4))");
        assertThatThrownBy(() -> Splits.kFold(times, 5, Purging.horizon(5).embargo(Gap.bars(0))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("set embargo(Gap.bars(4))");
        assertThatThrownBy(() -> Splits.holdout(times, 0.2, short1)).isInstanceOf(InvalidArgumentException.class);
    }

    record SeriesCase(int rows, int folds, int testSize, Splits.Window window, int trainSize, int horizon) {
    }

    @Test
    void on_one_series_without_validation_the_time_stamp_walk_forward_equals_the_row_walk_forward() {
        Gen<SeriesCase> gen = Gen.zip(Gen.integers(20, 500), Gen.integers(1, 6), Gen.integers(1, 40),
                Gen.elementOf(Splits.Window.values()), Gen.integers(1, 300), Gen.integers(1, 8), SeriesCase::new);
        Property.forAll(gen).check(c -> {
            long[] times = IntStream.range(0, c.rows()).mapToLong(i -> 1000L + 7L * i).toArray();
            List<Split> byRows;
            try {
                byRows = Splits.walkForward(c.rows(), c.folds(), c.testSize(), c.window(), c.trainSize(),
                        c.horizon() - 1, 0);
            } catch (InvalidArgumentException tooSmall) {
                assertThatThrownBy(() -> Splits.walkForward(times, c.folds(), c.testSize(), c.window(),
                        c.trainSize(), Purging.horizon(c.horizon()).validationFraction(0)))
                        .isInstanceOf(InvalidArgumentException.class);
                return;
            }
            assertThat(Splits.walkForward(times, c.folds(), c.testSize(), c.window(), c.trainSize(),
                    Purging.horizon(c.horizon()).validationFraction(0))).isEqualTo(byRows);
        });
    }

    @Test
    void walk_forward_keeps_a_purged_validation_window_at_the_end_of_each_training_window() {
        long[] times = IntStream.range(0, 100).mapToLong(i -> i).toArray();
        List<Split> splits = Splits.walkForward(times, 2, 10, Splits.Window.EXPANDING, 0, Purging.horizon(3));
        // Fold 0 tests 80..89; purge 78..79; training window 0..77 of 78 bars; validation the last 16 (62..77);
        // purge 60..61 before it; training 0..59.
        assertThat(splits.get(0).test()).startsWith(80).endsWith(89);
        assertThat(splits.get(0).validation()).startsWith(62).endsWith(77).hasSize(16);
        assertThat(splits.get(0).train()).startsWith(0).endsWith(59).hasSize(60);
        assertThat(splits.get(1).validation()).startsWith(70).endsWith(87);
    }

    @Test
    void a_row_split_that_cuts_a_panel_day_is_refused_before_training() {
        long[] times = new Panel(9, 60, 3).times();
        double[][] x = new double[times.length][1];
        Dataset data = Dataset.of(List.of("f"), x, new double[times.length], times);
        TrainingRequest request = TrainingRequest.of("xgboost", data);
        // 50 rows is not a whole number of days on a 9-asset panel: some day lands in both parts.
        List<Split> byRows = Splits.walkForward(times.length, 2, 50, Splits.Window.EXPANDING, 0, 4, 0);
        assertThatThrownBy(() -> byRows.forEach(request::forFold)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("in both training and testing");
        Splits.walkForward(times, 2, 5, Splits.Window.EXPANDING, 0, Purging.horizon(5)).forEach(request::forFold);
    }
}
