package dev.modelregistry.core.deployment;

import java.util.Arrays;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/** Drift statistics: PSI over reference-decile bins and the two-sample Kolmogorov–Smirnov test. */
final class Drift {
    private static final int BINS = 10;
    /** Stands in for an empty bin's share so that the logarithm stays finite. */
    private static final double EPSILON = 1e-4;

    private Drift() {
    }

    /**
     * The population stability index of {@code actual} against {@code reference}: bins at the
     * reference's deciles (ties merge bins), sum of (a - r) ln(a / r) over the bins' shares.
     */
    static double psi(double[] reference, double[] actual) {
        if (reference.length == 0 || actual.length == 0) {
            return Double.NaN;
        }
        double[] sorted = finiteSorted(reference);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double[] edges = new double[BINS - 1];
        int count = 0;
        for (int i = 1; i < BINS; i++) {
            double q = sorted[Math.min(sorted.length - 1, (int) Math.floor(i * sorted.length / (double) BINS))];
            if (count == 0 || q > edges[count - 1]) {
                edges[count++] = q;
            }
        }
        edges = Arrays.copyOf(edges, count);
        double[] r = shares(reference, edges);
        double[] a = shares(actual, edges);
        double psi = 0;
        for (int i = 0; i < r.length; i++) {
            double ri = Math.max(r[i], EPSILON);
            double ai = Math.max(a[i], EPSILON);
            psi += (ai - ri) * Math.log(ai / ri);
        }
        return psi;
    }

    /** Share of values per bin; bin i holds values in (edges[i-1], edges[i]]. */
    private static double[] shares(double[] values, double[] edges) {
        double[] counts = new double[edges.length + 1];
        int n = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            int pos = Arrays.binarySearch(edges, v);
            int bin = pos >= 0 ? pos : -pos - 1;
            counts[bin]++;
            n++;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = n == 0 ? 0 : counts[i] / n;
        }
        return counts;
    }

    /** {statistic, p-value} of the two-sample KS test, or NaNs when a side has fewer than two values. */
    static double[] ks(double[] reference, double[] actual) {
        double[] x = finiteSorted(reference);
        double[] y = finiteSorted(actual);
        if (x.length < 2 || y.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest(42L);
        double d = test.kolmogorovSmirnovStatistic(x, y);
        double p = test.kolmogorovSmirnovTest(x, y, false);
        return new double[] {d, p};
    }

    private static double[] finiteSorted(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    }

    /** The nearest-rank percentile of sorted values, NaN when empty. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
