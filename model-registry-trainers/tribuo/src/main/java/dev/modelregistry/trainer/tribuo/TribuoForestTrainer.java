package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.TrainingSpec;
import java.util.List;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * {@code tribuo-forest}: a random forest of CART regression trees on bootstrap samples, each split
 * choosing among a random fraction of the features, predictions averaged; Tribuo's
 * {@link RandomForestTrainer} with an {@link AveragingCombiner}. Trees are trained one after another;
 * the seed fixes samples and feature choices.
 *
 * <p>Thread-safe: stateless.
 */
final class TribuoForestTrainer extends TribuoTrainer {
    /** The trainer id. */
    static final String ID = "tribuo-forest";

    /** Creates the trainer with its declared hyper-parameters. */
    TribuoForestTrainer() {
        super(ID, List.of(
                HyperParameter.integer("trees", 50, 1, 10_000, "the number of trees"),
                HyperParameter.integer("max_depth", 12, 1, 64, "the deepest a leaf may be"),
                HyperParameter.real("min_child_weight", 5.0, 0.0, 1e9, "the least total weight in a child node"),
                // Tribuo's RandomForestTrainer refuses a fraction of 1: that would be plain bagging.
                HyperParameter.real("feature_fraction", 0.5, 0.01, 0.99,
                        "the fraction of features considered at each split")));
    }

    @Override
    org.tribuo.Trainer<Regressor> create(HyperParameters params, TrainingSpec spec) {
        CARTRegressionTrainer tree = new CARTRegressionTrainer(params.intValue("max_depth"),
                (float) params.doubleValue("min_child_weight"), 0.0f,
                (float) params.doubleValue("feature_fraction"),
                new MeanSquaredError(), spec.seed());
        return new RandomForestTrainer<>(tree, new AveragingCombiner(), params.intValue("trees"),
                spec.seed());
    }
}
