package dev.modelregistry.core.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/** Small numeric helpers shared by the calculators. Stateless, thread-safe. */
final class Numbers {
    private Numbers() {
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample standard deviation (n − 1); empty for fewer than two values. */
    static OptionalDouble sampleStd(double[] x) {
        if (x.length < 2) {
            return OptionalDouble.empty();
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return OptionalDouble.of(Math.sqrt(ss / (x.length - 1)));
    }

    /** Population variance (divides by n). */
    static double populationVariance(double[] x) {
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return ss / x.length;
    }

    static boolean constant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    /** Pearson correlation; empty when either side is constant or there are fewer than two values. */
    static OptionalDouble pearson(double[] x, double[] y) {
        if (x.length < 2 || constant(x) || constant(y)) {
            return OptionalDouble.empty();
        }
        double mx = mean(x);
        double my = mean(y);
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

    /** Ranks from 1, ties taking the average of the ranks they span. */
    static double[] ranks(double[] x) {
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] r = new double[x.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    /** Spearman rank correlation: Pearson of average ranks; empty when either side is constant. */
    static OptionalDouble spearman(double[] x, double[] y) {
        if (x.length < 2 || constant(x) || constant(y)) {
            return OptionalDouble.empty();
        }
        return pearson(ranks(x), ranks(y));
    }

    /** Least-squares slope of y against 0, 1, 2, …; empty for fewer than two points. */
    static OptionalDouble slope(double[] y) {
        if (y.length < 2) {
            return OptionalDouble.empty();
        }
        double mx = (y.length - 1) / 2.0;
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < y.length; i++) {
            sxy += (i - mx) * (y[i] - my);
            sxx += (i - mx) * (i - mx);
        }
        return OptionalDouble.of(sxy / sxx);
    }

    static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static double[] subset(double[] x, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    static OptionalDouble finite(double v) {
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }
}
