package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.InvalidArgumentException;

/**
 * The thresholds a model must meet. Hard gates (samples, hit rate, drawdown, IC, Sharpe, R², ROC-AUC,
 * and "the challenger is not significantly worse") reject a model that fails them; soft gates (hit-rate
 * significance, "the challenger is significantly better") decide between PROMOTE and CANARY.
 *
 * <p>Immutable and thread-safe.
 *
 * @param minSamples the fewest rows an evaluation may rest on
 * @param minHitRate the lowest acceptable hit rate (share of predictions with the right sign)
 * @param maxHitRatePValue the highest one-sided binomial p-value for the hit rate to count as significant (soft)
 * @param maxDrawdown the deepest acceptable drawdown of the long/short strategy, as a fraction (0.25 = 25 %)
 * @param minIc the lowest acceptable mean information coefficient
 * @param minSharpe the lowest acceptable annualised Sharpe ratio
 * @param minR2 the lowest acceptable R² (only when stock metrics are off)
 * @param minRocAuc the lowest acceptable ROC-AUC (classification)
 * @param maxDmPValue the one-sided Diebold–Mariano significance level for champion vs challenger
 * @param minScoreGain how much the challenger's composite score must exceed the champion's
 */
public record Gates(int minSamples, double minHitRate, double maxHitRatePValue, double maxDrawdown, double minIc,
        double minSharpe, double minR2, double minRocAuc, double maxDmPValue, double minScoreGain) {

    /**
     * Validates the thresholds.
     *
     * @param minSamples at least 1
     * @param minHitRate in [0, 1]
     * @param maxHitRatePValue in (0, 1]
     * @param maxDrawdown in [0, 1]
     * @param minIc in [-1, 1]
     * @param minSharpe finite
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
        check("minHitRate", minHitRate, 0, 1);
        check("maxHitRatePValue", maxHitRatePValue, Double.MIN_VALUE, 1);
        check("maxDrawdown", maxDrawdown, 0, 1);
        check("minIc", minIc, -1, 1);
        check("minSharpe", minSharpe, -Double.MAX_VALUE, Double.MAX_VALUE);
        check("minR2", minR2, -Double.MAX_VALUE, 1);
        check("minRocAuc", minRocAuc, 0, 1);
        check("maxDmPValue", maxDmPValue, Double.MIN_VALUE, 1);
        check("minScoreGain", minScoreGain, -1, 1);
    }

    /**
     * The defaults: 100 samples, hit rate 0.5, hit-rate p-value 0.05, drawdown 0.25, IC 0, Sharpe 0,
     * R² 0, ROC-AUC 0.5, Diebold–Mariano 0.05, score gain 0.
     *
     * @return the default gates
     */
    public static Gates defaults() {
        return new Gates(100, 0.5, 0.05, 0.25, 0.0, 0.0, 0.0, 0.5, 0.05, 0.0);
    }

    /**
     * A copy with another minimum sample count.
     *
     * @param value at least 1
     * @return the copy
     */
    public Gates withMinSamples(int value) {
        return new Gates(value, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe, minR2, minRocAuc,
                maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another minimum hit rate.
     *
     * @param value in [0, 1]
     * @return the copy
     */
    public Gates withMinHitRate(double value) {
        return new Gates(minSamples, value, maxHitRatePValue, maxDrawdown, minIc, minSharpe, minR2, minRocAuc,
                maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another hit-rate significance level.
     *
     * @param value in (0, 1]
     * @return the copy
     */
    public Gates withMaxHitRatePValue(double value) {
        return new Gates(minSamples, minHitRate, value, maxDrawdown, minIc, minSharpe, minR2, minRocAuc,
                maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another maximum drawdown.
     *
     * @param value in [0, 1]
     * @return the copy
     */
    public Gates withMaxDrawdown(double value) {
        return new Gates(minSamples, minHitRate, maxHitRatePValue, value, minIc, minSharpe, minR2, minRocAuc,
                maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another minimum mean IC.
     *
     * @param value in [-1, 1]
     * @return the copy
     */
    public Gates withMinIc(double value) {
        return new Gates(minSamples, minHitRate, maxHitRatePValue, maxDrawdown, value, minSharpe, minR2, minRocAuc,
                maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another minimum Sharpe ratio.
     *
     * @param value finite
     * @return the copy
     */
    public Gates withMinSharpe(double value) {
        return new Gates(minSamples, minHitRate, maxHitRatePValue, maxDrawdown, minIc, value, minR2, minRocAuc,
                maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another Diebold–Mariano significance level.
     *
     * @param value in (0, 1]
     * @return the copy
     */
    public Gates withMaxDmPValue(double value) {
        return new Gates(minSamples, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe, minR2, minRocAuc,
                value, minScoreGain);
    }

    /**
     * A copy with another minimum R² (used when stock metrics are off).
     *
     * @param value finite, at most 1
     * @return the copy
     */
    public Gates withMinR2(double value) {
        return new Gates(minSamples, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe, value, minRocAuc,
                maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another minimum ROC-AUC (classification).
     *
     * @param value in [0, 1]
     * @return the copy
     */
    public Gates withMinRocAuc(double value) {
        return new Gates(minSamples, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe, minR2, value,
                maxDmPValue, minScoreGain);
    }

    /**
     * A copy with another minimum composite-score gain of a challenger over the champion.
     *
     * @param value in [-1, 1]
     * @return the copy
     */
    public Gates withMinScoreGain(double value) {
        return new Gates(minSamples, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe, minR2, minRocAuc,
                maxDmPValue, value);
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
