package dev.modelregistry.api.monitoring;

import java.util.Objects;

/**
 * How far one input (a feature, or the predictions) moved from its reference.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the feature's name, or {@code prediction}
 * @param psi the population stability index over ten reference-decile bins
 * @param ksStatistic the two-sample Kolmogorov–Smirnov statistic
 * @param ksPValue its p-value
 * @param band the PSI band
 * @param sampleSize how many live values were compared
 */
public record FeatureDrift(String name, double psi, double ksStatistic, double ksPValue, Band band, int sampleSize) {
    /**
     * Checks that no field is null.
     *
     * @param name the feature's name, or {@code prediction}
     * @param psi the population stability index
     * @param ksStatistic the Kolmogorov–Smirnov statistic
     * @param ksPValue its p-value
     * @param band the PSI band
     * @param sampleSize how many live values were compared
     * @throws NullPointerException if an object argument is null
     */
    public FeatureDrift {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(band, "band");
    }

    /** The conventional PSI bands. */
    public enum Band {
        /** PSI below 0.1: no meaningful shift. */
        STABLE,
        /** PSI from 0.1 to 0.25: a moderate shift. */
        MODERATE,
        /** PSI of 0.25 or more: a significant shift. */
        SIGNIFICANT;

        /**
         * The band of a PSI value.
         *
         * @param psi the value
         * @param warning the moderate threshold
         * @param critical the significant threshold
         * @return the band
         */
        public static Band of(double psi, double warning, double critical) {
            return psi >= critical ? SIGNIFICANT : psi >= warning ? MODERATE : STABLE;
        }
    }
}
