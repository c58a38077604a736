package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.hipparchus.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/** Request ids and the live-accuracy tests, with plain values and independent recomputations. */
class LiveAccuraciesTest {

    @Test
    void request_ids_are_unique_sorted_by_time_and_carry_their_time_stamp() {
        AtomicLong now = new AtomicLong(1_767_600_000_000L);
        RequestIds ids = new RequestIds(now::get);
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 100_000; i++) {
            if (i % 1_000 == 0) {
                now.addAndGet(1);
            }
            String id = ids.next();
            assertThat(RequestIds.requireValid(id)).isEqualTo(id);
            assertThat(RequestIds.millisOf(id)).isEqualTo(now.get());
            if (i % 1_000 == 0) {
                assertThat(id).as("a later millisecond sorts later").isGreaterThan(previous);
            }
            previous = id;
            seen.add(id);
        }
        assertThat(seen).hasSize(100_000);
        RequestIds other = new RequestIds(now::get);
        assertThat(other.next().substring(10, 18)).as("another issuer has another instance number")
                .isNotEqualTo(ids.next().substring(10, 18));
    }

    @Test
    void the_two_proportion_z_test_matches_the_textbook_value() {
        // 60/100 against 70/100: pooled 0.65, se = sqrt(0.65 * 0.35 * 0.02), z = -1.48250, one-sided p = 0.0691038.
        LiveAccuracies.Test t = LiveAccuracies.hitRateLower(60, 100, 70, 100);
        assertThat(t.statistic()).isCloseTo(-0.1 / Math.sqrt(0.65 * 0.35 * 0.02), within(1e-12));
        assertThat(t.pValue()).isCloseTo(0.0691038, within(1e-6));
        assertThat(LiveAccuracies.hitRateLower(0, 0, 5, 10).pValue()).as("undefined: never rejects").isEqualTo(1);
    }

    @Test
    void welchs_one_sided_test_is_half_the_two_sided_p_of_hipparchus_in_the_direction_tested() {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = random.doubles(80).map(v -> v * v * 1.3).toArray();
        double[] y = random.doubles(120).map(v -> v * v).toArray();
        LiveAccuracies.Test t = LiveAccuracies.meanHigher(x, y);
        double twoSided = new TTest().tTest(x, y);
        assertThat(t.statistic()).isCloseTo(new TTest().t(x, y), within(1e-12));
        double expected = t.statistic() > 0 ? twoSided / 2 : 1 - twoSided / 2;
        assertThat(t.pValue()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void hit_rate_decay_is_the_exact_binomial_lower_tail() {
        assertThat(LiveAccuracies.hitRateDecayPValue(50, 100, 0.6))
                .isCloseTo(new BinomialDistribution(100, 0.6).cumulativeProbability(50), within(1e-15));
        assertThat(LiveAccuracies.hitRateDecayPValue(50, 100, 0.6)).isCloseTo(0.02710, within(1e-4));
        assertThat(LiveAccuracies.hitRateDecayPValue(0, 0, 0.6)).isEqualTo(1);
    }

    @Test
    void ic_decay_uses_fishers_z_with_the_spearman_variance() {
        // atanh(0.1) = 0.100335, atanh(0.3) = 0.309520; sd = sqrt(1.06 / 197) = 0.073354; z = -2.85172.
        assertThat(LiveAccuracies.icDecayPValue(0.1, 200, 0.3)).isCloseTo(0.0021741, within(1e-6));
        assertThat(LiveAccuracies.icDecayPValue(0.3, 200, 0.3)).isCloseTo(0.5, within(1e-12));
        assertThat(LiveAccuracies.icDecayPValue(-0.9, 3, 0.3)).as("too few rows").isEqualTo(1);
    }
}
