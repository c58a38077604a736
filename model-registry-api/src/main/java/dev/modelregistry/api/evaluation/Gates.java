package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.InvalidArgumentException;

/**
 * The generic thresholds a model must meet. Hard gates (samples, R², ROC-AUC, and "the challenger is not
 * significantly worse") reject a model that fails them; soft gates ("the challenger is significantly
 * better", its score gain) decide between PROMOTE, CANARY and HOLD. A domain adds gates of its own (the
 * market gates are in {@code dev.modelregistry.api.evaluation.market.MarketOptions}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param minSamples the fewest rows an evaluation may rest on
 * @param minR2 the lowest acceptable R² of a regression (only when no domain judges it instead)
 * @param minRocAuc the lowest acceptable ROC-AUC (classification)
 * @param maxDmPValue the one-sided Diebold–Mariano significance level for champion vs challenger
 * @param minScoreGain how much the challenger's composite score must exceed the champion's
 */
public record Gates(int minSamples, double minR2, double minRocAuc, double maxDmPValue, double minScoreGain) {

    /**
     * Validates the thresholds.
     *
     * @param minSamples at least 1
     * @param minR2 finite, at most 1
     * @param minRocAuc in [0, 1]
     * @param maxDmPValue in (0, 1]
     * @param minScoreGain in [-1, 1]
     * @throws InvalidArgumentException naming the first bad threshold
     */
    public Gates {
        if (minSamples < 1) {
            throw new InvalidArgumentException("minSamples must be >= 1, got " + minSamples);
        }
        check("minR2", minR2, -Double.MAX_VALUE, 1);
        check("minRocAuc", minRocAuc, 0, 1);
        check("maxDmPValue", maxDmPValue, Double.MIN_VALUE, 1);
        check("minScoreGain", minScoreGain, -1, 1);
    }

    /**
     * The defaults: 100 samples, R² 0, ROC-AUC 0.5, Diebold–Mariano 0.05, score gain 0.
     *
     * @return the default gates
     */
    public static Gates defaults() {
        return new Gates(100, 0.0, 0.5, 0.05, 0.0);
    }

    /**
     * A copy with another minimum sample count.
     *
     * @param value at least 1
     * @return the copy
     */
    public Gates withMinSamples(int value) {
        return new Gates(value, minR2, minRocAuc, maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another minimum R² (used when no domain judges a regression instead).
     *
     * @param value finite, at most 1
     * @return the copy
     */
    public Gates withMinR2(double value) {
        return new Gates(minSamples, value, minRocAuc, maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another minimum ROC-AUC (classification).
     *
     * @param value in [0, 1]
     * @return the copy
     */
    public Gates withMinRocAuc(double value) {
        return new Gates(minSamples, minR2, value, maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another Diebold–Mariano significance level.
     *
     * @param value in (0, 1]
     * @return the copy
     */
    public Gates withMaxDmPValue(double value) {
        return new Gates(minSamples, minR2, minRocAuc, value, minScoreGain);
    }

    /**
     * A copy with another minimum composite-score gain of a challenger over the champion.
     *
     * @param value in [-1, 1]
     * @return the copy
     */
    public Gates withMinScoreGain(double value) {
        return new Gates(minSamples, minR2, minRocAuc, maxDmPValue, value);
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
