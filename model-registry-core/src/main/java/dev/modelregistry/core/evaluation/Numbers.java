package dev.modelregistry.core.evaluation;

import java.util.OptionalDouble;

/**
 * Array helpers shared by the calculators; the statistics live in {@link dev.modelregistry.core.internal.Stats}.
 * Stateless, thread-safe.
 */
final class Numbers {
    private Numbers() {
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
