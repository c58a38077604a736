package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.evaluation.market.HitRate;
import dev.modelregistry.core.internal.Stats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** Tail p-values are survival functions: tiny but non-zero, checked against exact integer arithmetic. */
class TailPValueTest {

    /** P(X >= k) for X ~ Binomial(n, 1/2), exactly: sum of C(n, i) over i >= k, divided by 2^n. */
    private static double exactTail(int n, int k) {
        BigInteger c = BigInteger.ONE; // C(n, 0)
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i <= n; i++) {
            if (i >= k) {
                sum = sum.add(c);
            }
            c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return new BigDecimal(sum).divide(new BigDecimal(BigInteger.TWO.pow(n)), MathContext.DECIMAL64)
                .doubleValue();
    }

    @Test
    void hit_rate_pvalue_on_many_bars_is_tiny_not_zero() {
        // 62,000 bars with a 52 % hit rate: the p-value is about 1e-23, which 1 - CDF rounds to exactly 0.
        int n = 62_000;
        int hits = 32_240;
        double[] actual = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = i % 2 == 0 ? 1 : -1;
            predicted[i] = i < hits ? actual[i] : -actual[i];
        }
        HitRate h = StockScorer.hitRate(actual, predicted);
        double expected = exactTail(n, hits);
        assertThat(expected).isBetween(1e-30, 1e-15);
        assertThat(h.pValue().orElseThrow()).isGreaterThan(0)
                .isCloseTo(expected, within(expected * 1e-8));
    }

    @Test
    void binomial_tail_matches_exact_arithmetic_across_the_range() {
        for (int[] c : new int[][] {{10, 0}, {10, 5}, {10, 7}, {10, 10}, {10, 11}, {1001, 400}, {1001, 501},
                {1001, 700}, {1001, 1001}, {5000, 3000}}) {
            double exact = exactTail(c[0], c[1]);
            assertThat(Stats.binomialHalfUpperTail(c[0], c[1])).as("n=%d k=%d", c[0], c[1])
                    .isCloseTo(exact, within(Math.max(exact * 1e-9, 1e-300)));
        }
    }

    @Test
    void student_tail_stays_tiny_far_out() {
        // For t = 40 and 1000 degrees of freedom, 1 - CDF is 0 in double precision; the survival is not.
        double p = Stats.studentUpperTail(1000, 40);
        assertThat(p).isGreaterThan(0).isLessThan(1e-100);
        assertThat(Stats.studentUpperTail(1000, 0)).isCloseTo(0.5, within(1e-15));
        assertThat(Stats.studentUpperTail(1000, -40)).isCloseTo(1, within(1e-15));
    }
}
