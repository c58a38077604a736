package dev.modelregistry.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/**
 * The one statistics helper: its NaN policy and which statistics divide by n − 1. Reference values come
 * from Python's {@code statistics} module ({@code stdev} divides by n − 1, {@code pstdev} by n), or
 * from exact rational arithmetic where the comment says so.
 */
class StatsTest {
    static final double NAN = Double.NaN;
    /** statistics.stdev([2, 4, 4, 4, 5, 5, 7, 9]) = √(32 / 7); statistics.pstdev(...) = 2. */
    static final double[] EIGHT = {2, 4, 4, 4, 5, 5, 7, 9};

    @Test
    void sample_statistics_divide_by_n_minus_one_and_population_ones_by_n() {
        assertThat(Stats.sampleStd(EIGHT).getAsDouble()).isCloseTo(2.138089935299395, within(1e-15));
        assertThat(Stats.populationStd(EIGHT).getAsDouble()).isCloseTo(2.0, within(1e-15));
        assertThat(Stats.populationVariance(EIGHT).getAsDouble()).isCloseTo(4.0, within(1e-15));
        assertThat(Stats.mean(EIGHT).getAsDouble()).isCloseTo(5.0, within(1e-15));
        assertThat(Stats.median(EIGHT).getAsDouble()).isCloseTo(4.5, within(1e-15));
    }

    @Test
    void nan_is_a_missing_value_and_is_skipped_by_every_statistic() {
        double[] withGaps = {NAN, 2, 4, NAN, 4, 4, 5, 5, 7, 9, NAN};
        assertThat(Stats.sampleStd(withGaps)).isEqualTo(Stats.sampleStd(EIGHT));
        assertThat(Stats.populationStd(withGaps)).isEqualTo(Stats.populationStd(EIGHT));
        assertThat(Stats.mean(withGaps)).isEqualTo(Stats.mean(EIGHT));
        assertThat(Stats.median(withGaps)).isEqualTo(Stats.median(EIGHT));
        // pairwise: the rows where either side is missing drop out of both
        double[] x = {1, 2, NAN, 3, 4};
        double[] y = {2, 4, 100, NAN, 8};
        assertThat(Stats.pearson(x, y).getAsDouble()).isCloseTo(1.0, within(1e-15));
        assertThat(Stats.spearman(x, y).getAsDouble()).isCloseTo(1.0, within(1e-15));
        // a slope keeps each value's index: 1 at 0, 3 at 2 → 1 per step
        assertThat(Stats.slope(new double[] {1, NAN, 3}).getAsDouble()).isCloseTo(1.0, within(1e-15));
        assertThat(Stats.signAgreement(new double[] {1, NAN, -1, 0}, new double[] {2, 1, 1, 1}))
                .isEqualTo(new Stats.SignAgreement(1, 2));
    }

    @Test
    void what_is_undefined_on_the_values_left_is_empty_never_nan() {
        assertThat(Stats.mean(new double[] {NAN})).isEmpty();
        assertThat(Stats.median(new double[0])).isEmpty();
        assertThat(Stats.populationStd(new double[] {NAN, NAN})).isEmpty();
        // one value has a population spread of 0 but no sample spread
        assertThat(Stats.populationStd(new double[] {3, NAN}).getAsDouble()).isZero();
        assertThat(Stats.sampleStd(new double[] {3, NAN})).isEmpty();
        assertThat(Stats.slope(new double[] {NAN, 1})).isEmpty();
        assertThat(Stats.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isEmpty();
        assertThat(Stats.spearman(new double[] {1, 2, 3}, new double[] {5, 5, 5})).isEmpty();
        assertThat(Stats.pearson(new double[] {1, NAN}, new double[] {1, 2})).isEmpty();
        assertThat(Stats.signAgreement(new double[] {0}, new double[] {1}).rate()).isEmpty();
        assertThatThrownBy(() -> Stats.ranks(new double[] {1, NAN})).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Stats.pearson(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1 and 2");
    }

    @Test
    void ranks_are_averaged_over_ties() {
        assertThat(Stats.ranks(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
    }

    @Test
    void pearson_keeps_its_precision_for_a_correlation_near_zero() {
        // x = 0..99, y = (+1, −1, −1, +1, …) + 1e-9·x: the pattern is uncorrelated with x, so r comes from the
        // tilt alone. Exact rational arithmetic on these doubles gives r = 2.8866070055403066e-8. Hipparchus's
        // PearsonsCorrelation takes √R² of a regression and returns 2.920e-8 here, 1 % off.
        double[] x = new double[100];
        double[] y = new double[100];
        double[] pattern = {1, -1, -1, 1};
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = pattern[i % 4] + 1e-9 * i;
        }
        assertThat(Stats.pearson(x, y).getAsDouble()).isCloseTo(2.8866070055403066e-8, within(1e-15));
    }
}
