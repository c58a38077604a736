package dev.modelregistry.trainer.lightgbm;

import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.TrainingSpec;
import java.math.BigDecimal;
import java.util.List;

/**
 * The hyper-parameters the LightGBM trainer declares, and their translation into LightGBM's
 * {@code key=value} parameter string.
 *
 * <p>Stateless and thread-safe.
 */
final class LightGbmParameters {
    static final String ROUNDS = "rounds";

    /** Declared in name order; every one maps to a LightGBM parameter of the same name except rounds. */
    static final List<HyperParameter> DECLARED = List.of(
            HyperParameter.real("bagging_fraction", 1.0, 0.01, 1.0,
                    "fraction of rows sampled for each tree (needs bagging_freq > 0)"),
            HyperParameter.integer("bagging_freq", 0, 0, 100_000,
                    "resample rows every this many iterations; 0 turns bagging off"),
            HyperParameter.real("feature_fraction", 1.0, 0.01, 1.0, "fraction of features sampled for each tree"),
            HyperParameter.real("lambda_l1", 0.0, 0.0, 1_000_000.0, "L1 regularisation of leaf values"),
            HyperParameter.real("lambda_l2", 0.0, 0.0, 1_000_000.0, "L2 regularisation of leaf values"),
            HyperParameter.real("learning_rate", 0.1, 1e-6, 1.0, "shrinkage applied to each tree"),
            HyperParameter.integer("max_depth", -1, -1, 64, "largest tree depth; -1 means no limit"),
            HyperParameter.integer("min_data_in_leaf", 20, 1, 1_000_000, "fewest rows a leaf may hold"),
            HyperParameter.integer("num_leaves", 31, 2, 131_072, "largest number of leaves per tree"),
            HyperParameter.integer(ROUNDS, 100, 1, 100_000, "boosting iterations (trees)"));

    private LightGbmParameters() {
    }

    /**
     * The LightGBM parameter string for a run; also used when building datasets, so binning and
     * feature pre-filtering agree with the booster.
     *
     * @param resolved the checked value of every declared parameter
     * @param spec the task, seed and threads
     * @return space-separated {@code key=value} pairs
     */
    static String toLightGbm(HyperParameters resolved, TrainingSpec spec) {
        StringBuilder sb = new StringBuilder();
        switch (spec.task()) {
            case REGRESSION -> sb.append("objective=regression metric=rmse");
            case BINARY_CLASSIFICATION -> sb.append("objective=binary metric=binary_logloss");
            default -> throw new IllegalStateException("unhandled task " + spec.task());
        }
        for (HyperParameter p : DECLARED) {
            if (p.name().equals(ROUNDS)) {
                continue; // our loop counts rounds; LightGBM's num_iterations is not used by updateOneIter
            }
            sb.append(' ').append(p.name()).append('=').append(plain(p, resolved));
        }
        // LightGBM's seed is a C int: fold the long so every bit of it still matters.
        sb.append(" seed=").append(Long.hashCode(spec.seed()));
        // Same seed and thread count must give the same model: deterministic + a fixed histogram layout.
        sb.append(" deterministic=true force_row_wise=true");
        sb.append(" num_threads=").append(spec.threads());
        sb.append(" verbosity=-1");
        return sb.toString();
    }

    /** Formats a checked value so no whitespace or exponent notation reaches LightGBM's parser. */
    private static String plain(HyperParameter p, HyperParameters resolved) {
        return p.type() == HyperParameter.Type.INTEGER
                ? Long.toString(resolved.longValue(p.name()))
                : BigDecimal.valueOf(resolved.doubleValue(p.name())).stripTrailingZeros().toPlainString();
    }
}
