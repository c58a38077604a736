package dev.modelregistry.trainer.xgboost;

import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainingSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hyper-parameters the xgboost trainer accepts, and their translation into xgboost's own
 * parameter map.
 *
 * <p>Stateless and thread-safe.
 */
final class XGBoostHyperParameters {
    /** The number of boosting rounds; not an xgboost parameter but the length of the training loop. */
    static final String ROUNDS = "rounds";

    private static final double BIG = 1e6;

    /** Every parameter except {@link #ROUNDS} keeps xgboost's own name, so the docs of xgboost apply. */
    static final List<HyperParameter> DECLARED = List.of(
            HyperParameter.integer(ROUNDS, 100, 1, 100_000,
                    "number of boosting rounds (trees); early stopping may keep fewer"),
            HyperParameter.real("eta", 0.3, 0.0, 1.0, "learning rate: shrinks each tree's contribution"),
            HyperParameter.integer("max_depth", 6, 0, 64, "maximum depth of a tree; 0 means no limit"),
            HyperParameter.real("min_child_weight", 1.0, 0.0, BIG,
                    "minimum sum of instance weight (hessian) needed in a child"),
            HyperParameter.real("subsample", 1.0, 0.01, 1.0, "fraction of rows sampled for each tree"),
            HyperParameter.real("colsample_bytree", 1.0, 0.01, 1.0, "fraction of columns sampled for each tree"),
            HyperParameter.real("lambda", 1.0, 0.0, BIG, "L2 regularisation of leaf weights"),
            HyperParameter.real("alpha", 0.0, 0.0, BIG, "L1 regularisation of leaf weights"),
            HyperParameter.real("gamma", 0.0, 0.0, BIG, "minimum loss reduction needed to split a leaf"));

    private XGBoostHyperParameters() {
    }

    /**
     * The objective for a task.
     *
     * @param task the task
     * @return xgboost's objective name
     */
    static String objective(Task task) {
        return switch (task) {
            case REGRESSION -> "reg:squarederror";
            case BINARY_CLASSIFICATION -> "binary:logistic";
        };
    }

    /**
     * The validation metric for a task; lower is better for both.
     *
     * @param task the task
     * @return xgboost's metric name
     */
    static String evalMetric(Task task) {
        return switch (task) {
            case REGRESSION -> "rmse";
            case BINARY_CLASSIFICATION -> "logloss";
        };
    }

    /**
     * The parameter map a booster is created with.
     *
     * @param spec the spec (task, seed, threads)
     * @param resolved the checked hyper-parameters; their text goes to xgboost as given
     * @return a new mutable map, as xgboost4j expects
     */
    static Map<String, Object> toNative(TrainingSpec spec, HyperParameters resolved) {
        Map<String, Object> p = new HashMap<>();
        for (Map.Entry<String, String> e : resolved.asMap().entrySet()) {
            if (!e.getKey().equals(ROUNDS)) {
                p.put(e.getKey(), e.getValue());
            }
        }
        p.put("objective", objective(spec.task()));
        p.put("eval_metric", evalMetric(spec.task()));
        // hist is deterministic for a given seed and thread count, which TrainingSpec promises.
        p.put("tree_method", "hist");
        p.put("seed", spec.seed());
        p.put("nthread", spec.threads());
        // xgboost otherwise prints to stdout from native code, which a library must not do.
        p.put("verbosity", 0);
        return p;
    }
}
