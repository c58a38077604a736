package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.evaluation.Agreement;
import dev.modelregistry.api.evaluation.FoldMetrics;
import dev.modelregistry.api.evaluation.MetricDispersion;
import dev.modelregistry.api.evaluation.Perturbation;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.core.internal.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Dispersion of metrics across folds, sensitivity to input noise, and agreement between two models.
 * Stateless, thread-safe.
 */
final class StabilityAnalyzer {
    /** Generic metrics where a smaller value is better. */
    static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "mae", "log_loss");

    private StabilityAnalyzer() {
    }

    /**
     * Per metric: mean, sample std, worst fold, least-squares trend over the folds that define it.
     * {@code lowerIsBetter} says which metrics besides the generic {@link #LOWER_IS_BETTER} a domain ranks
     * the other way.
     */
    static List<MetricDispersion> dispersion(List<FoldMetrics> folds, Predicate<String> lowerIsBetter) {
        Set<String> names = new TreeSet<>();
        folds.forEach(f -> names.addAll(f.metrics().keySet()));
        List<MetricDispersion> out = new ArrayList<>();
        for (String name : names) {
            boolean higher = !LOWER_IS_BETTER.contains(name) && !lowerIsBetter.test(name);
            List<FoldMetrics> having = folds.stream().filter(f -> f.metrics().containsKey(name)).toList();
            double[] v = having.stream().mapToDouble(f -> f.metrics().get(name)).toArray();
            int worst = 0;
            for (int i = 1; i < v.length; i++) {
                if (higher ? v[i] < v[worst] : v[i] > v[worst]) {
                    worst = i;
                }
            }
            out.add(new MetricDispersion(name, higher, v.length, Stats.mean(v).orElseThrow(), Stats.sampleStd(v),
                    v[worst], having.get(worst).fold(), Stats.slope(v)));
        }
        return out;
    }

    /** Fold numbers per row: given, or {@code segments} contiguous blocks of near-equal size. */
    static int[] segments(int n, int segments) {
        int k = Math.min(n, segments);
        int[] out = new int[n];
        for (int s = 0; s < k; s++) {
            int from = (int) ((long) n * s / k);
            int to = (int) ((long) n * (s + 1) / k);
            for (int i = from; i < to; i++) {
                out[i] = s;
            }
        }
        return out;
    }

    /** Rows of each fold, in fold-number order. */
    static Map<Integer, int[]> rowsByFold(int[] folds) {
        Map<Integer, List<Integer>> rows = new TreeMap<>();
        for (int i = 0; i < folds.length; i++) {
            rows.computeIfAbsent(folds[i], f -> new ArrayList<>()).add(i);
        }
        Map<Integer, int[]> out = new TreeMap<>();
        rows.forEach((f, r) -> out.put(f, r.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /**
     * Adds Gaussian noise of {@code size} × the column's standard deviation (over finite values) to every
     * finite feature value and predicts again.
     */
    static Perturbation perturbation(Predictor model, Dataset data, double[] predicted, double size, long seed) {
        int n = data.rowCount();
        int p = data.featureCount();
        double[] scale = new double[p];
        for (int c = 0; c < p; c++) {
            List<Double> finite = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                double v = data.value(r, c);
                if (Double.isFinite(v)) {
                    finite.add(v);
                }
            }
            double[] f = finite.stream().mapToDouble(Double::doubleValue).toArray();
            scale[c] = f.length == 0 ? 0 : Stats.populationStd(f).orElseThrow() * size;
        }
        Random random = new Random(seed);
        double absChange = 0;
        int flips = 0;
        for (int r = 0; r < n; r++) {
            double[] row = data.row(r);
            for (int c = 0; c < p; c++) {
                if (Double.isFinite(row[c])) {
                    row[c] += random.nextGaussian() * scale[c];
                }
            }
            double q = model.predict(row);
            if (!Double.isFinite(q)) {
                throw new dev.modelregistry.api.InvalidArgumentException("the model predicted " + q
                        + " for perturbed row " + r + "; predictions must be finite");
            }
            absChange += Math.abs(q - predicted[r]);
            if (Math.signum(q) != Math.signum(predicted[r])) {
                flips++;
            }
        }
        double mac = absChange / n;
        OptionalDouble std = Stats.sampleStd(predicted);
        double ratio = std.isPresent() && std.getAsDouble() > 0 ? mac / std.getAsDouble() : Double.NaN;
        OptionalDouble relative = Double.isFinite(ratio) ? OptionalDouble.of(ratio) : OptionalDouble.empty();
        return new Perturbation(size, seed, mac, relative,
                (double) flips / n);
    }

    /** Sign agreement, Pearson correlation and mean absolute difference of two prediction vectors. */
    static Agreement agreement(double[] a, double[] b) {
        int same = 0;
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.signum(a[i]) == Math.signum(b[i])) {
                same++;
            }
            diff += Math.abs(a[i] - b[i]);
        }
        return new Agreement(a.length, (double) same / a.length, Stats.pearson(a, b), diff / a.length);
    }
}
