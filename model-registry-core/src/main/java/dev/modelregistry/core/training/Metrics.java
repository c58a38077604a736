package dev.modelregistry.core.training;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few metrics validation reports need (the evaluation module has the full set). Regression:
 * {@code rmse}, {@code mae}, {@code r2}. Binary classification: {@code logloss}, {@code accuracy}
 * (threshold 0.5).
 *
 * <p>Thread-safe: stateless.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Computes the task's metrics.
     *
     * @param task the task
     * @param actual the labels
     * @param predicted the predictions
     * @return metric name to value
     */
    public static Map<String, Double> of(Task task, double[] actual, double[] predicted) {
        if (actual.length != predicted.length || actual.length == 0) {
            throw new InvalidArgumentException("need equally many labels and predictions, at least one; got "
                    + actual.length + " and " + predicted.length);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        int n = actual.length;
        if (task == Task.REGRESSION) {
            double se = 0;
            double ae = 0;
            double mean = 0;
            for (double a : actual) {
                mean += a / n;
            }
            double tss = 0;
            for (int i = 0; i < n; i++) {
                double e = predicted[i] - actual[i];
                se += e * e;
                ae += Math.abs(e);
                tss += (actual[i] - mean) * (actual[i] - mean);
            }
            out.put("rmse", Math.sqrt(se / n));
            out.put("mae", ae / n);
            if (tss > 0) {
                out.put("r2", 1 - se / tss);
            }
        } else {
            double loss = 0;
            int correct = 0;
            for (int i = 0; i < n; i++) {
                double p = Math.min(1 - 1e-15, Math.max(1e-15, predicted[i]));
                loss -= actual[i] * Math.log(p) + (1 - actual[i]) * Math.log(1 - p);
                if ((predicted[i] >= 0.5) == (actual[i] >= 0.5)) {
                    correct++;
                }
            }
            out.put("logloss", loss / n);
            out.put("accuracy", (double) correct / n);
        }
        return out;
    }
}
