package com.example.ridge;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.EarlyStopping;
import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainerSupport;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A third-party-style trainer in plain Java: ridge (L2-regularised least-squares) linear regression fitted
 * by full-batch gradient descent, one epoch per iteration, with early stopping on a validation set. It
 * exists to show, and to prove in this build, that a trainer outside the project can run the testkit's
 * {@code TrainerContract}. It builds on the api's {@link TrainerSupport}: its input arrives checked, its
 * hyper-parameters resolved, and it stops early by the one {@link EarlyStopping} rule.
 *
 * <p>Thread-safe: stateless; each call to {@link #train} works on its own arrays.
 */
final class RidgeTrainer extends TrainerSupport {
    static final String ID = "example-ridge";
    static final String EPOCHS = "epochs";
    /** A validation metric must improve by more than this to count: gradient descent creeps forever. */
    private static final double MIN_IMPROVEMENT = 1e-9;

    RidgeTrainer() {
        super(ID, RidgeModel.FORMAT_ID, "1.0.0", "com.example:ridge-trainer", Set.of(Task.REGRESSION), List.of(
                HyperParameter.integer(EPOCHS, 100, 1, 1_000_000, "full passes of gradient descent over the data"),
                HyperParameter.real("learning_rate", 0.5, 1e-6, 1.0, "step size on standardised features"),
                HyperParameter.real("l2", 0.0, 0.0, 1e6, "ridge penalty on the standardised weights")));
    }

    @Override
    public boolean supportsEarlyStopping() {
        return true;
    }

    @Override
    public NativeModel train(TrainingInput input) {
        // TrainingInput.of has refused unknown and out-of-range parameters, other tasks and non-finite values.
        int epochs = input.parameters().intValue(EPOCHS);
        double rate = input.parameters().doubleValue("learning_rate");
        double l2 = input.parameters().doubleValue("l2");
        Dataset train = input.train();
        int n = train.rowCount();
        int k = train.featureCount();
        if (n < 2) {
            throw new InvalidArgumentException(ID + " needs at least 2 rows, got " + n);
        }
        // Standardised features make one learning rate fit any data's scale.
        double[] mean = new double[k];
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < n; r++) {
                sum += train.value(r, j);
            }
            mean[j] = sum / n;
            for (int r = 0; r < n; r++) {
                double d = train.value(r, j) - mean[j];
                squares += d * d;
            }
            double std = Math.sqrt(squares / n);
            scale[j] = std > 0 ? std : 1;
        }
        double[][] z = new double[n][k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                z[r][j] = (train.value(r, j) - mean[j]) / scale[j];
            }
        }
        double[] y = train.labels();
        double b = 0;
        for (double label : y) {
            b += label;
        }
        b /= n;
        double[] w = new double[k];

        TrainingContext context = input.context();
        Optional<Dataset> validation = input.validation();
        Optional<EarlyStopping> stopping = EarlyStopping.of(input, MIN_IMPROVEMENT);
        RidgeModel best = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (context.cancelled()) {
                throw new TrainingCancelledException(ID + " cancelled after " + (epoch - 1) + " of " + epochs
                        + " epochs");
            }
            double[] gradient = new double[k];
            double gradientB = 0;
            for (int r = 0; r < n; r++) {
                double residual = b + dot(w, z[r]) - y[r];
                gradientB += residual;
                for (int j = 0; j < k; j++) {
                    gradient[j] += residual * z[r][j];
                }
            }
            b -= rate * gradientB / n;
            for (int j = 0; j < k; j++) {
                w[j] -= rate * (gradient[j] / n + l2 * w[j]);
            }
            OptionalDouble metric = OptionalDouble.empty();
            if (validation.isPresent()) {
                try (RidgeModel current = RidgeModel.unstandardise(b, w, mean, scale, Optional.empty())) {
                    metric = OptionalDouble.of(mse(current, validation.get()));
                }
            }
            context.iteration(epoch, epochs, metric);
            if (stopping.isPresent()) {
                if (stopping.get().record(epoch, metric.getAsDouble())) {
                    best = RidgeModel.unstandardise(b, w, mean, scale, Optional.of(epoch));
                } else if (stopping.get().shouldStop()) {
                    break;
                }
            }
        }
        if (best != null) {
            return best;
        }
        return RidgeModel.unstandardise(b, w, mean, scale, Optional.empty());
    }

    @Override
    public NativeModel read(InputStream in, int featureCount) throws IOException {
        return RidgeModel.read(in, featureCount);
    }

    private static double dot(double[] w, double[] x) {
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            sum += w[j] * x[j];
        }
        return sum;
    }

    private static double mse(RidgeModel model, Dataset data) {
        double sum = 0;
        for (int r = 0; r < data.rowCount(); r++) {
            double d = model.predict(data.row(r)) - data.label(r);
            sum += d * d;
        }
        return sum / data.rowCount();
    }
}
