package dev.modelregistry.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.FoldResult;
import dev.modelregistry.api.training.service.Purging;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.internal.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walk-forward over a 9-asset panel with the time-stamp splits: every fold stops early on its inner
 * validation window, and the validation RMSE it records is out-of-sample, not the in-sample fit.
 */
class WalkForwardEarlyStoppingTest {
    static final int ROUNDS = 500;

    @TempDir
    Path dir;
    ModelRegistry registry;

    @BeforeEach
    void open() {
        registry = ModelRegistry.open(dir.resolve("registry"));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    /** 9 assets a day for 300 days; a weak signal in the first feature under much noise. */
    static Dataset panel() {
        Random random = new Random(7);
        int assets = 9;
        int days = 300;
        double[][] x = new double[assets * days][3];
        double[] y = new double[assets * days];
        long[] t = new long[assets * days];
        for (int d = 0; d < days; d++) {
            for (int a = 0; a < assets; a++) {
                int r = d * assets + a;
                for (int j = 0; j < 3; j++) {
                    x[r][j] = random.nextGaussian();
                }
                y[r] = 0.01 * x[r][0] + 0.03 * random.nextGaussian();
                t[r] = 946_857_600L + 86_400L * d;
            }
        }
        return Dataset.of(List.of("f0", "f1", "f2"), x, y, t);
    }

    static TrainingRequest request(Dataset data) {
        return TrainingRequest.of("xgboost", data).withSpec(TrainingSpec.defaults()
                .withParameter("rounds", Integer.toString(ROUNDS)).withEarlyStopping(10));
    }

    @Test
    void every_fold_stops_early_and_records_an_out_of_sample_validation_rmse() {
        Dataset data = panel();
        List<Split> splits = Splits.walkForward(data.times().orElseThrow(), 4, 30, Splits.Window.EXPANDING, 0,
                Purging.horizon(5));
        // The iterations each fold ran, heard through the progress listener (folds train one after another).
        List<Integer> iterationsRun = new ArrayList<>();
        TrainingRequest request = request(data).withProgress((i, total, metric) -> {
            if (i == 1) {
                iterationsRun.add(0);
            }
            iterationsRun.set(iterationsRun.size() - 1, i);
        });
        Predictions predictions = WalkForward.predictions(registry.training(), request, splits);
        assertThat(predictions.size()).isEqualTo(4 * 30 * 9);
        assertThat(iterationsRun).hasSize(4).allSatisfy(n -> assertThat(n).isLessThan(ROUNDS));

        for (FoldResult fold : registry.training().validate(request(data), splits, 1).folds()) {
            assertThat(fold.metrics()).containsKeys("rmse", "validation_rmse");
            Split split = fold.split();
            try (TrainedModel model = registry.training().train(request(data).forFold(split))) {
                assertThat(model.metadata().training().flatMap(i -> i.bestIteration())).hasValueSatisfying(
                        best -> assertThat(best).isLessThan(ROUNDS));
                Dataset train = data.select(split.train());
                double inSample = Metrics.of(request(data).spec().task(), train.labels(),
                        model.predictBatch(train.rows())).get("rmse");
                double validation = model.metadata().metrics().get("validation_rmse");
                assertThat(fold.metrics().get("validation_rmse")).isEqualTo(validation);
                // Out-of-sample: scored on rows that never trained (purged from them), so it is not the fit to
                // the training rows that walk-forward recorded when it dropped the validation set.
                assertThat(split.validation()).isNotEmpty();
                assertThat(split.validation()[0]).isGreaterThan(split.train()[split.train().length - 1]);
                assertThat(validation).isNotCloseTo(inSample, org.assertj.core.data.Percentage.withPercentage(1));
            }
        }
    }
}
