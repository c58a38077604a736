package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.evaluation.ClassificationMetrics;
import dev.modelregistry.api.evaluation.ConfusionMatrix;
import dev.modelregistry.core.internal.Metrics;
import dev.modelregistry.core.internal.Stats;
import java.util.OptionalDouble;

/**
 * Accuracy, precision, recall, F1, ROC-AUC (Mann–Whitney with average ranks, so ties count one half),
 * log-loss with clipping and the confusion matrix. Labels must be 0 or 1, predictions probabilities.
 * Accuracy, log-loss and the input check come from {@link Metrics}, the implementation validation uses
 * too, so both report the same numbers.
 * Stateless, thread-safe.
 */
final class ClassificationScorer {
    private ClassificationScorer() {
    }

    static void check(double[] actual, double[] predicted) {
        Metrics.checkBinary(actual, predicted);
    }

    static ClassificationMetrics score(double[] actual, double[] predicted, double threshold, double epsilon) {
        check(actual, predicted);
        int n = actual.length;
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < n; i++) {
            boolean pos = predicted[i] >= threshold;
            boolean act = actual[i] == 1;
            if (pos && act) {
                tp++;
            } else if (pos) {
                fp++;
            } else if (act) {
                fn++;
            } else {
                tn++;
            }
        }
        OptionalDouble precision = tp + fp == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) tp / (tp + fp));
        OptionalDouble recall = tp + fn == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) tp / (tp + fn));
        long f1Den = 2 * tp + fp + fn;
        OptionalDouble f1 = f1Den == 0 ? OptionalDouble.empty() : OptionalDouble.of(2.0 * tp / f1Den);
        return new ClassificationMetrics(n, threshold, Metrics.accuracy(actual, predicted, threshold), precision,
                recall, f1, rocAuc(actual, predicted), Metrics.logLoss(actual, predicted, epsilon),
                new ConfusionMatrix(tp, fp, tn, fn));
    }

    /** AUC = (sum of positive ranks − nPos(nPos + 1)/2) / (nPos · nNeg); empty with one class. */
    static OptionalDouble rocAuc(double[] actual, double[] predicted) {
        double[] r = Stats.ranks(predicted);
        long pos = 0;
        double rankSum = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == 1) {
                pos++;
                rankSum += r[i];
            }
        }
        long neg = actual.length - pos;
        if (pos == 0 || neg == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg));
    }
}
