package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.monitoring.LiveAccuracy;
import dev.modelregistry.core.internal.Metrics;
import dev.modelregistry.core.internal.Stats;
import dev.modelregistry.core.internal.metadata.OutcomeStore;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * Live accuracy and the tests on it, as pure functions of plain values. The metrics are computed by the
 * same code as the offline evaluation ({@link Metrics#rmse}, {@link Metrics#mae},
 * {@link Stats#signAgreement}, {@link Stats#binomialHalfUpperTail}, {@link Stats#spearman}), so live and
 * offline figures on the same rows agree to the last bit up to summation order.
 */
final class LiveAccuracies {
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
    /** The large-sample variance factor of Fisher's z for a Spearman correlation (Fieller, Hartley and Pearson). */
    static final double SPEARMAN_VARIANCE = 1.06;

    private LiveAccuracies() {
    }

    /** Predictions and outcomes, aligned, with the rows whose prediction was not finite left out. */
    record Pairs(double[] predicted, double[] actual, long firstMillis, long lastMillis) {
        static final Pairs EMPTY = new Pairs(new double[0], new double[0], 0, 0);

        static Pairs of(List<OutcomeStore.Outcome> rows) {
            double[] p = new double[rows.size()];
            double[] a = new double[rows.size()];
            int n = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (OutcomeStore.Outcome r : rows) {
                if (Double.isFinite(r.predicted()) && Double.isFinite(r.actual())) {
                    p[n] = r.predicted();
                    a[n] = r.actual();
                    n++;
                    first = Math.min(first, r.servedAtMillis());
                    last = Math.max(last, r.servedAtMillis());
                }
            }
            return new Pairs(java.util.Arrays.copyOf(p, n), java.util.Arrays.copyOf(a, n), first, last);
        }

        int size() {
            return predicted.length;
        }

        /** The squared errors. */
        double[] squaredErrors() {
            double[] e = new double[predicted.length];
            for (int i = 0; i < e.length; i++) {
                double d = predicted[i] - actual[i];
                e[i] = d * d;
            }
            return e;
        }
    }

    /** The figures of a version's stored evaluation that live accuracy is compared with. */
    record Baseline(OptionalDouble rmse, OptionalDouble hitRate, OptionalDouble ic, boolean icCrossSectional) {
        static final Baseline NONE = new Baseline(OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), false);
    }

    /**
     * The live accuracy of one version on its rows.
     *
     * @return the accuracy; null when no row has a finite prediction
     */
    static LiveAccuracy of(String environment, ModelRef.Numbered version, Pairs rows, Baseline baseline) {
        if (rows.size() == 0) {
            return null;
        }
        double[] a = rows.actual();
        double[] p = rows.predicted();
        Stats.SignAgreement signs = Stats.signAgreement(a, p);
        OptionalDouble pValue = signs.compared() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Math.max(0, Math.min(1, Stats.binomialHalfUpperTail(signs.compared(),
                        signs.agree()))));
        return new LiveAccuracy(environment, version, rows.size(), Instant.ofEpochMilli(rows.firstMillis()),
                Instant.ofEpochMilli(rows.lastMillis()), Metrics.rmse(a, p), Metrics.mae(a, p), signs.agree(),
                signs.compared(), signs.rate(), pValue, Stats.spearman(p, a), baseline.rmse(), baseline.hitRate(),
                baseline.ic());
    }

    /**
     * The exact one-sided binomial p-value that the live hit rate is below the evaluation's:
     * {@code P(X <= hits)} for {@code X ~ Binomial(trials, expected)}.
     */
    static double hitRateDecayPValue(long hits, long trials, double expected) {
        if (trials == 0) {
            return 1;
        }
        if (expected <= 0) {
            return 1;
        }
        if (expected >= 1) {
            return hits < trials ? 0 : 1;
        }
        return new BinomialDistribution((int) Math.min(Integer.MAX_VALUE, trials), expected)
                .cumulativeProbability((int) Math.min(Integer.MAX_VALUE, hits));
    }

    /**
     * The one-sided p-value that a live Spearman IC over {@code n} rows is below an expected IC, by Fisher's
     * z with variance {@code 1.06 / (n − 3)}; 1 with four rows or fewer.
     */
    static double icDecayPValue(double ic, int n, double expected) {
        if (n <= 3) {
            return 1;
        }
        double z = (atanh(ic) - atanh(expected)) / Math.sqrt(SPEARMAN_VARIANCE / (n - 3));
        return NORMAL.cumulativeProbability(z);
    }

    private static double atanh(double r) {
        double c = Math.max(-1 + 1e-12, Math.min(1 - 1e-12, r));
        return 0.5 * Math.log((1 + c) / (1 - c));
    }

    /**
     * A one-sided test result.
     *
     * @param statistic the z or t statistic (NaN when undefined)
     * @param pValue the p-value (1 when undefined)
     */
    record Test(double statistic, double pValue) {
        static final Test UNDEFINED = new Test(Double.NaN, 1);
    }

    /**
     * The one-sided two-proportion z-test with pooled proportion, H1: the first proportion is lower.
     */
    static Test hitRateLower(long hits1, long trials1, long hits2, long trials2) {
        if (trials1 == 0 || trials2 == 0) {
            return Test.UNDEFINED;
        }
        double p1 = hits1 / (double) trials1;
        double p2 = hits2 / (double) trials2;
        double pooled = (hits1 + hits2) / (double) (trials1 + trials2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / trials1 + 1.0 / trials2));
        if (!(se > 0)) {
            return Test.UNDEFINED;
        }
        double z = (p1 - p2) / se;
        return new Test(z, NORMAL.cumulativeProbability(z));
    }

    /**
     * Welch's one-sided t-test, H1: the mean of {@code x} is higher than that of {@code y}, with the
     * Welch–Satterthwaite degrees of freedom.
     */
    static Test meanHigher(double[] x, double[] y) {
        if (x.length < 2 || y.length < 2) {
            return Test.UNDEFINED;
        }
        double mx = Stats.mean(x).orElseThrow();
        double my = Stats.mean(y).orElseThrow();
        double vx = Math.pow(Stats.sampleStd(x).orElseThrow(), 2) / x.length;
        double vy = Math.pow(Stats.sampleStd(y).orElseThrow(), 2) / y.length;
        if (!(vx + vy > 0)) {
            return Test.UNDEFINED;
        }
        double t = (mx - my) / Math.sqrt(vx + vy);
        double df = (vx + vy) * (vx + vy)
                / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        return new Test(t, Stats.studentUpperTail(df, t));
    }
}
