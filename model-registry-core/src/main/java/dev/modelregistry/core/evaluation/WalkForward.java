package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.training.service.TrainingService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Out-of-sample predictions from walk-forward folds: each fold trains on its training rows only (early
 * stopping on the split's inner validation rows, if it has any, as the time-stamp splits of
 * {@link dev.modelregistry.api.training.service.Splits} give), predicts its test rows, and frees its model.
 * A split that puts one time stamp both in training (or validation) and in testing is refused (on a panel,
 * a row split whose sizes are not whole dates). The result carries the fold of each row, the dataset's
 * times as dates and, for a panel, its asset keys (so turnover and costs are per asset), ready for
 * {@link DefaultEvaluator#evaluate(Predictions, dev.modelregistry.api.evaluation.EvaluationOptions)}.
 *
 * <p>The request's {@link dev.modelregistry.api.training.service.TrainingProgress} hears each fold start and
 * finish, and between them the iterations of that fold's training.
 *
 * <p>Thread-safe: stateless (training runs on the caller's thread, one fold after another).
 */
public final class WalkForward {
    private WalkForward() {
    }

    /**
     * Trains one model per split and collects the predictions of its test rows.
     *
     * @param training the training service (for example {@code registry.training()})
     * @param request the training request; its data is the full dataset the splits index
     * @param splits the folds, with test windows in increasing, non-overlapping order (walk-forward)
     * @return the predictions of every test row, in row order, with folds, dates and asset keys
     * @throws InvalidArgumentException if there are no splits, test windows overlap or go back in time, or a
     *         time stamp of the data falls both in a fold's training or validation rows and in its test rows
     * @throws dev.modelregistry.api.TrainingFailedException if a fold fails to train
     */
    public static Predictions predictions(TrainingService training, TrainingRequest request, List<Split> splits) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(request, "request");
        if (splits.isEmpty()) {
            throw new InvalidArgumentException("walk-forward needs at least one split");
        }
        Dataset data = request.data();
        List<Double> actual = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        List<Integer> folds = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        int last = -1;
        for (int f = 0; f < splits.size(); f++) {
            Split split = splits.get(f);
            int[] test = split.test();
            if (test.length == 0 || test[0] <= last) {
                throw new InvalidArgumentException("split " + f + " " + split + " overlaps or precedes the previous"
                        + " test window; walk-forward test windows must move forward");
            }
            last = test[test.length - 1];
            request.progress().onFoldStarted(f + 1, splits.size());
            try (TrainedModel model = training.train(request.forFold(split))) {
                double[][] x = data.select(test).rows();
                double[] p = model.predictBatch(x);
                for (int i = 0; i < test.length; i++) {
                    actual.add(data.label(test[i]));
                    predicted.add(p[i]);
                    folds.add(f);
                    rows.add(test[i]);
                }
            }
            request.progress().onFoldFinished(f + 1, splits.size());
        }
        Predictions out = Predictions.of(actual.stream().mapToDouble(Double::doubleValue).toArray(),
                predicted.stream().mapToDouble(Double::doubleValue).toArray())
                .withFolds(folds.stream().mapToInt(Integer::intValue).toArray());
        if (data.times().isPresent()) {
            long[] times = data.times().get();
            out = out.withDates(rows.stream().mapToLong(r -> times[r]).toArray());
        }
        if (data.assets().isPresent()) {
            List<String> assets = data.assets().get();
            out = out.withAssets(rows.stream().map(assets::get).toList());
        }
        return out;
    }
}
