package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.TrainingSpec;
import java.util.List;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanAbsoluteError;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.rtree.impurity.RegressorImpurity;

/**
 * {@code tribuo-cart}: one CART regression tree, Tribuo's {@link CARTRegressionTrainer}.
 * Single-threaded; the seed matters only when {@code feature_fraction} is below 1.
 *
 * <p>Thread-safe: stateless.
 */
final class TribuoCartTrainer extends TribuoTrainer {
    /** The trainer id. */
    static final String ID = "tribuo-cart";

    /** Creates the trainer with its declared hyper-parameters. */
    TribuoCartTrainer() {
        super(ID, List.of(
                HyperParameter.integer("max_depth", 8, 1, 64, "the deepest a leaf may be"),
                HyperParameter.real("min_child_weight", 5.0, 0.0, 1e9, "the least total weight in a child node"),
                HyperParameter.real("min_impurity_decrease", 0.0, 0.0, 1e9,
                        "the least impurity decrease a split must bring"),
                HyperParameter.real("feature_fraction", 1.0, 0.01, 1.0,
                        "the fraction of features considered at each split"),
                HyperParameter.choice("impurity", "mse", List.of("mse", "mae"),
                        "the split criterion: mean squared or mean absolute error")));
    }

    @Override
    org.tribuo.Trainer<Regressor> create(HyperParameters params, TrainingSpec spec) {
        RegressorImpurity impurity = "mae".equals(params.stringValue("impurity"))
                ? new MeanAbsoluteError() : new MeanSquaredError();
        return new CARTRegressionTrainer(params.intValue("max_depth"),
                (float) params.doubleValue("min_child_weight"),
                (float) params.doubleValue("min_impurity_decrease"),
                (float) params.doubleValue("feature_fraction"),
                impurity, spec.seed());
    }
}
