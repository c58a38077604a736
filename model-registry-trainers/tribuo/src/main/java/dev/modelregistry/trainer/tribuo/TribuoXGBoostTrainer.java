package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.TrainingSpec;
import java.util.List;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer.RegressionType;

/**
 * {@code tribuo-xgboost}: gradient-boosted trees with squared error through Tribuo's
 * {@link XGBoostRegressionTrainer} (xgboost4j underneath). Uses {@code spec.threads()} threads and
 * {@code spec.seed()}; the same seed and thread count give the same model.
 *
 * <p>Thread-safe: stateless.
 */
final class TribuoXGBoostTrainer extends TribuoTrainer {
    /** The trainer id. */
    static final String ID = "tribuo-xgboost";

    /** Creates the trainer with its declared hyper-parameters. */
    TribuoXGBoostTrainer() {
        super(ID, List.of(
                HyperParameter.integer("rounds", 100, 1, 100_000, "the number of boosting rounds (trees)"),
                HyperParameter.real("eta", 0.3, 0.0, 1.0, "the learning rate (shrinkage)"),
                HyperParameter.integer("max_depth", 6, 1, 64, "the deepest a leaf may be"),
                HyperParameter.real("min_child_weight", 1.0, 0.0, 1e9, "the least hessian weight in a child"),
                HyperParameter.real("gamma", 0.0, 0.0, 1e9, "the least loss reduction a split must bring"),
                HyperParameter.real("subsample", 1.0, 0.01, 1.0, "the fraction of rows each tree sees"),
                HyperParameter.real("colsample", 1.0, 0.01, 1.0, "the fraction of features each tree sees"),
                HyperParameter.real("lambda", 1.0, 0.0, 1e9, "L2 regularisation of leaf weights"),
                HyperParameter.real("alpha", 0.0, 0.0, 1e9, "L1 regularisation of leaf weights")));
    }

    @Override
    org.tribuo.Trainer<Regressor> create(HyperParameters params, TrainingSpec spec) {
        // LINEAR is Tribuo's name for the squared-error objective (reg:squarederror).
        return new XGBoostRegressionTrainer(RegressionType.LINEAR,
                params.intValue("rounds"),
                params.doubleValue("eta"),
                params.doubleValue("gamma"),
                params.intValue("max_depth"),
                params.doubleValue("min_child_weight"),
                params.doubleValue("subsample"),
                params.doubleValue("colsample"),
                params.doubleValue("lambda"),
                params.doubleValue("alpha"),
                spec.threads(), true, spec.seed());
    }
}
