package dev.modelregistry.core.internal;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.training.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The one implementation of the metrics that validation and evaluation both report: RMSE, MAE, R²,
 * log-loss and accuracy. Validation ({@code DefaultTrainingService.validate}, the {@code validation_*}
 * metadata of a trained model) and {@code DefaultEvaluator} both call these methods, so the same
 * predictions give bit-for-bit the same numbers on either path.
 *
 * <p>Shared rules: {@code actual} and {@code predicted} have the same length, at least one, and
 * finite values ({@link InvalidArgumentException} otherwise, never a NaN result). A metric that is
 * undefined on its input (R² of constant actuals) is an empty {@link OptionalDouble}. Binary
 * classification needs labels 0 or 1 and probabilities in [0, 1]; log-loss clips probabilities to
 * [ε, 1 − ε]. Validation takes threshold and ε from {@link EvaluationOptions#defaults()}, the
 * evaluator's defaults.
 *
 * <p>Thread-safe: stateless.
 */
public final class Metrics {
    /** Validation scores with the evaluator's default options, so both paths agree on threshold and ε. */
    private static final EvaluationOptions DEFAULTS = EvaluationOptions.defaults();

    private Metrics() {
    }

    /**
     * Computes the task's validation metrics. Regression: {@code rmse}, {@code mae} and {@code r2}
     * (left out when the actuals are constant). Binary classification: {@code logloss} and
     * {@code accuracy}, with the threshold and ε of {@link EvaluationOptions#defaults()}.
     *
     * @param task the task
     * @param actual the labels
     * @param predicted the predictions
     * @return metric name to value
     * @throws InvalidArgumentException if the input breaks the rules in the class comment
     */
    public static Map<String, Double> of(Task task, double[] actual, double[] predicted) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (task == Task.REGRESSION) {
            out.put("rmse", rmse(actual, predicted));
            out.put("mae", mae(actual, predicted));
            r2(actual, predicted).ifPresent(v -> out.put("r2", v));
        } else {
            out.put("logloss", logLoss(actual, predicted, DEFAULTS.logLossEpsilon()));
            out.put("accuracy", accuracy(actual, predicted, DEFAULTS.threshold()));
        }
        return out;
    }

    /**
     * Root mean squared error, {@code √(mean e²)} with {@code e = predicted − actual}.
     *
     * @param actual the actual values
     * @param predicted the predictions
     * @return the RMSE, at least 0
     * @throws InvalidArgumentException if the input breaks the rules in the class comment
     */
    public static double rmse(double[] actual, double[] predicted) {
        check(actual, predicted);
        return Math.sqrt(sumSquaredErrors(actual, predicted) / actual.length);
    }

    /**
     * Mean absolute error, {@code mean |e|}.
     *
     * @param actual the actual values
     * @param predicted the predictions
     * @return the MAE, at least 0
     * @throws InvalidArgumentException if the input breaks the rules in the class comment
     */
    public static double mae(double[] actual, double[] predicted) {
        check(actual, predicted);
        double ae = 0;
        for (int i = 0; i < actual.length; i++) {
            ae += Math.abs(predicted[i] - actual[i]);
        }
        return ae / actual.length;
    }

    /**
     * The coefficient of determination, {@code 1 − Σe² / Σ(actual − mean)²}.
     *
     * @param actual the actual values
     * @param predicted the predictions
     * @return R², or empty when the actuals are constant (the ratio is undefined)
     * @throws InvalidArgumentException if the input breaks the rules in the class comment
     */
    public static OptionalDouble r2(double[] actual, double[] predicted) {
        check(actual, predicted);
        double mean = 0;
        for (double a : actual) {
            mean += a;
        }
        mean /= actual.length;
        double tss = 0;
        for (double a : actual) {
            tss += (a - mean) * (a - mean);
        }
        return tss > 0 ? OptionalDouble.of(1 - sumSquaredErrors(actual, predicted) / tss) : OptionalDouble.empty();
    }

    /**
     * Mean binary log-loss with probabilities clipped to [ε, 1 − ε], so a certain mistake costs
     * {@code −ln ε} rather than infinity.
     *
     * @param actual labels, 0 or 1
     * @param predicted probabilities of the positive class, in [0, 1]
     * @param epsilon the clipping, in (0, 0.5)
     * @return the log-loss, at least 0
     * @throws InvalidArgumentException if the input breaks the rules in the class comment or ε is out of range
     */
    public static double logLoss(double[] actual, double[] predicted, double epsilon) {
        checkBinary(actual, predicted);
        if (!(epsilon > 0 && epsilon < 0.5)) {
            throw new InvalidArgumentException("log-loss epsilon must be in (0, 0.5), got " + epsilon);
        }
        double loss = 0;
        for (int i = 0; i < actual.length; i++) {
            double p = Math.min(1 - epsilon, Math.max(epsilon, predicted[i]));
            loss -= actual[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return loss / actual.length;
    }

    /**
     * The share of rows classified right: a row is predicted positive when its probability is at or
     * above the threshold.
     *
     * @param actual labels, 0 or 1
     * @param predicted probabilities of the positive class, in [0, 1]
     * @param threshold the threshold, in (0, 1)
     * @return the accuracy, in [0, 1]
     * @throws InvalidArgumentException if the input breaks the rules in the class comment
     */
    public static double accuracy(double[] actual, double[] predicted, double threshold) {
        checkBinary(actual, predicted);
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            if ((predicted[i] >= threshold) == (actual[i] == 1)) {
                correct++;
            }
        }
        return (double) correct / actual.length;
    }

    /**
     * Checks the input of a binary classification metric: the common rules, labels 0 or 1 and
     * probabilities in [0, 1].
     *
     * @param actual labels
     * @param predicted probabilities
     * @throws InvalidArgumentException naming the first bad row
     */
    public static void checkBinary(double[] actual, double[] predicted) {
        check(actual, predicted);
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != 0 && actual[i] != 1) {
                throw new InvalidArgumentException("label of row " + i + " is " + actual[i]
                        + "; binary classification needs labels 0 or 1");
            }
            if (predicted[i] < 0 || predicted[i] > 1) {
                throw new InvalidArgumentException("prediction of row " + i + " is " + predicted[i]
                        + "; binary classification needs probabilities in [0, 1]");
            }
        }
    }

    private static void check(double[] actual, double[] predicted) {
        if (actual.length != predicted.length || actual.length == 0) {
            throw new InvalidArgumentException("need equally many labels and predictions, at least one; got "
                    + actual.length + " and " + predicted.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(actual[i])) {
                throw new InvalidArgumentException("actual value of row " + i + " is " + actual[i] + "; must be finite");
            }
            if (!Double.isFinite(predicted[i])) {
                throw new InvalidArgumentException("prediction of row " + i + " is " + predicted[i]
                        + "; must be finite");
            }
        }
    }

    private static double sumSquaredErrors(double[] actual, double[] predicted) {
        double se = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = predicted[i] - actual[i];
            se += e * e;
        }
        return se;
    }
}
