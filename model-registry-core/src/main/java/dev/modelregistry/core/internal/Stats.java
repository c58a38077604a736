package dev.modelregistry.core.internal;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.moment.Variance;
import org.hipparchus.stat.descriptive.rank.Median;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;
import org.hipparchus.stat.regression.SimpleRegression;

/**
 * The one statistics helper of core: training (imputation, scaling, feature filters, fold summaries,
 * price features) and evaluation (metrics, stability, market metrics) both compute here. Internal: not
 * part of the supported API, and free to change.
 *
 * <p><b>NaN policy.</b> NaN marks a missing value and is skipped: every statistic is computed over the
 * values that are not NaN (for two series, over the rows where both are present). Infinities are not
 * skipped; callers that take user data reject them first. A statistic that is undefined on what is left
 * is an empty {@link OptionalDouble}, never NaN: no values at all; fewer than two for a sample statistic
 * or a slope; a constant side for a correlation.
 *
 * <p><b>n or n − 1.</b> Each method says which in its name. A {@code sample} statistic divides by
 * n − 1: use it where the value estimates the spread of what the data were drawn from (the spread of a
 * metric across folds, the volatility of returns, the dispersion of ICs). A {@code population}
 * statistic divides by n: use it where the data are the whole of what is described (scaling a training
 * column to unit variance, as scikit-learn's {@code StandardScaler} does, or a variance threshold on it).
 *
 * <p>Means, variances, medians, ranks and the regression slope come from Hipparchus. The Pearson
 * correlation is computed here from centred sums, because Hipparchus derives it from a regression's
 * R² and loses precision for correlations near zero, which is where information coefficients live.
 *
 * <p>Thread-safe: stateless.
 */
public final class Stats {
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Stats() {
    }

    /**
     * The arithmetic mean.
     *
     * @param x the values
     * @return the mean of the present values, or empty if there are none
     */
    public static OptionalDouble mean(double[] x) {
        double[] v = present(x);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(new Mean().evaluate(v));
    }

    /**
     * The median: the middle value, or the mean of the two middle values.
     *
     * @param x the values
     * @return the median of the present values, or empty if there are none
     */
    public static OptionalDouble median(double[] x) {
        double[] v = present(x);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(new Median().evaluate(v));
    }

    /**
     * The population variance {@code Σ(x − x̄)² / n}.
     *
     * @param x the values
     * @return the variance of the present values, or empty if there are none
     */
    public static OptionalDouble populationVariance(double[] x) {
        double[] v = present(x);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(new Variance(false).evaluate(v));
    }

    /**
     * The population standard deviation, the square root of {@link #populationVariance}.
     *
     * @param x the values
     * @return the standard deviation of the present values, or empty if there are none
     */
    public static OptionalDouble populationStd(double[] x) {
        OptionalDouble var = populationVariance(x);
        return var.isPresent() ? OptionalDouble.of(Math.sqrt(var.getAsDouble())) : var;
    }

    /**
     * The sample standard deviation {@code √(Σ(x − x̄)² / (n − 1))}.
     *
     * @param x the values
     * @return the standard deviation of the present values, or empty with fewer than two
     */
    public static OptionalDouble sampleStd(double[] x) {
        double[] v = present(x);
        return v.length < 2 ? OptionalDouble.empty() : OptionalDouble.of(Math.sqrt(new Variance(true).evaluate(v)));
    }

    /**
     * The Pearson correlation over the rows where both values are present, clamped to [−1, 1].
     *
     * @param x one series
     * @param y the other, as long
     * @return the correlation, or empty with fewer than two rows or when either side is constant
     * @throws InvalidArgumentException if the lengths differ
     */
    public static OptionalDouble pearson(double[] x, double[] y) {
        double[][] xy = presentPairs(x, y);
        return centredPearson(xy[0], xy[1]);
    }

    /**
     * The Spearman rank correlation: the Pearson correlation of the ranks, ties taking their average
     * rank, over the rows where both values are present.
     *
     * @param x one series
     * @param y the other, as long
     * @return the correlation, or empty with fewer than two rows or when either side is constant
     * @throws InvalidArgumentException if the lengths differ
     */
    public static OptionalDouble spearman(double[] x, double[] y) {
        double[][] xy = presentPairs(x, y);
        return xy[0].length < 2 ? OptionalDouble.empty() : centredPearson(ranks(xy[0]), ranks(xy[1]));
    }

    /**
     * Ranks from 1 in ascending order, ties taking the average of the ranks they span.
     *
     * @param x the values, none NaN
     * @return the rank of each value, in the input's order
     * @throws InvalidArgumentException if a value is NaN (a rank of a missing value means nothing)
     */
    public static double[] ranks(double[] x) {
        for (double v : x) {
            if (Double.isNaN(v)) {
                throw new InvalidArgumentException("cannot rank NaN");
            }
        }
        return RANKING.rank(x);
    }

    /**
     * The least-squares slope of y against its index 0, 1, 2, … (missing values keep their index).
     *
     * @param y the values in order
     * @return the slope per step, or empty with fewer than two present values
     */
    public static OptionalDouble slope(double[] y) {
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                regression.addData(i, y[i]);
            }
        }
        return regression.getN() < 2 ? OptionalDouble.empty() : OptionalDouble.of(regression.getSlope());
    }

    /**
     * The share of rows whose signs agree, over the rows where both values are present and neither
     * is zero (a zero has no sign).
     *
     * @param x one series
     * @param y the other, as long
     * @return how many rows agree and how many were compared
     * @throws InvalidArgumentException if the lengths differ
     */
    public static SignAgreement signAgreement(double[] x, double[] y) {
        requireSameLength(x, y);
        long agree = 0;
        long compared = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0 && y[i] != 0 && !Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                compared++;
                if (Math.signum(x[i]) == Math.signum(y[i])) {
                    agree++;
                }
            }
        }
        return new SignAgreement(agree, compared);
    }

    /**
     * Rows whose signs agree, of the rows compared.
     *
     * @param agree rows with the same sign
     * @param compared rows where both signs are defined
     */
    public record SignAgreement(long agree, long compared) {
        /**
         * The share that agrees.
         *
         * @return {@code agree / compared}, or empty when nothing was compared
         */
        public OptionalDouble rate() {
            return compared == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) agree / compared);
        }
    }

    private static OptionalDouble centredPearson(double[] x, double[] y) {
        if (x.length < 2 || constant(x) || constant(y)) {
            return OptionalDouble.empty();
        }
        double mx = new Mean().evaluate(x);
        double my = new Mean().evaluate(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))));
    }

    private static boolean constant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    private static double[] present(double[] x) {
        for (double v : x) {
            if (Double.isNaN(v)) {
                return Arrays.stream(x).filter(d -> !Double.isNaN(d)).toArray();
            }
        }
        return x;
    }

    private static double[][] presentPairs(double[] x, double[] y) {
        requireSameLength(x, y);
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
            }
        }
        if (n == x.length) {
            return new double[][] {x, y};
        }
        double[] a = new double[n];
        double[] b = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                a[k] = x[i];
                b[k] = y[i];
                k++;
            }
        }
        return new double[][] {a, b};
    }

    /**
     * The upper tail {@code P(X >= k)} of a binomial with {@code n} trials and success probability 1/2,
     * summed in log space from the largest term down, so that tiny tails stay tiny and non-zero (no
     * {@code 1 - CDF} cancellation); relative error below 1e-9 up to millions of trials.
     *
     * @param n the number of trials, at least 0
     * @param k the least number of successes counted, any; {@code k <= 0} gives 1, {@code k > n} gives 0
     * @return the tail probability in [0, 1]
     */
    public static double binomialHalfUpperTail(long n, long k) {
        if (k <= 0) {
            return 1;
        }
        if (k > n) {
            return 0;
        }
        // P(X >= k) = sum_{i=k}^{n} C(n, i) / 2^n. Sum the terms relative to the largest one in the range.
        long peak = Math.max(k, (n + 1) / 2);
        double logPeak = logChoose(n, peak);
        double sum = 0;
        for (long i = peak; i <= n; i++) {
            double term = Math.exp(logChoose(n, i) - logPeak);
            sum += term;
            if (term < 1e-18 * sum) {
                break;
            }
        }
        for (long i = peak - 1; i >= k; i--) {
            double term = Math.exp(logChoose(n, i) - logPeak);
            sum += term;
            if (term < 1e-18 * sum) {
                break;
            }
        }
        double p = Math.exp(logPeak + Math.log(sum) - n * Math.log(2));
        return Math.min(1, p);
    }

    /**
     * The upper tail {@code P(T > t)} of Student's t with {@code df} degrees of freedom, taken as the lower
     * tail at {@code -t} so that tiny tails keep their precision.
     *
     * @param df degrees of freedom, positive
     * @param t the statistic, finite
     * @return the tail probability in [0, 1]
     */
    public static double studentUpperTail(double df, double t) {
        return new org.hipparchus.distribution.continuous.TDistribution(df).cumulativeProbability(-t);
    }

    private static double logChoose(long n, long k) {
        return org.hipparchus.special.Gamma.logGamma(n + 1.0) - org.hipparchus.special.Gamma.logGamma(k + 1.0)
                - org.hipparchus.special.Gamma.logGamma(n - k + 1.0);
    }

    private static void requireSameLength(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new InvalidArgumentException("series of different lengths: " + x.length + " and " + y.length);
        }
    }
}
