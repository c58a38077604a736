package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.TrainingSpec;
import java.util.List;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * {@code tribuo-linear}: linear regression (squared loss, with a bias) fitted by stochastic gradient
 * descent, Tribuo's {@link LinearSGDTrainer}. Single-threaded; the seed fixes the shuffling.
 *
 * <p>Thread-safe: stateless.
 */
final class TribuoLinearTrainer extends TribuoTrainer {
    /** The trainer id. */
    static final String ID = "tribuo-linear";

    /** Creates the trainer with its declared hyper-parameters. */
    TribuoLinearTrainer() {
        super(ID, List.of(
                HyperParameter.integer("epochs", 20, 1, 10_000, "passes over the training data"),
                HyperParameter.real("learning_rate", 0.5, 1e-6, 100.0, "the optimiser's base step size"),
                HyperParameter.integer("minibatch_size", 1, 1, 1_000_000, "rows per gradient step"),
                HyperParameter.choice("optimiser", "adagrad", List.of("adagrad", "adam", "sgd"),
                        "adagrad (per-feature steps), adam, or plain sgd with a constant step")));
    }

    @Override
    org.tribuo.Trainer<Regressor> create(HyperParameters params, TrainingSpec spec) {
        double rate = params.doubleValue("learning_rate");
        StochasticGradientOptimiser optimiser = switch (params.stringValue("optimiser")) {
            case "adam" -> new Adam(rate, 1e-8);
            case "sgd" -> SGD.getSimpleSGD(rate);
            default -> new AdaGrad(rate, 0.1);
        };
        // Logging interval -1: Tribuo logs nothing per step (our progress goes through the context).
        return new LinearSGDTrainer(new SquaredLoss(), optimiser, params.intValue("epochs"), -1,
                params.intValue("minibatch_size"), spec.seed());
    }
}
