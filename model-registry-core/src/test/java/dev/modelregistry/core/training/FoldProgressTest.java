package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.Purging;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainingProgress;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.WalkForward;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walk-forward and validation tell the progress listener which fold runs, so a caller can draw a bar. */
class FoldProgressTest {
    static final int ROUNDS = 20;

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

    /** Records every call as a line, from any thread. */
    static final class Recorder implements TrainingProgress {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onIteration(int iteration, int total, OptionalDouble validationMetric) {
            events.add("iteration " + iteration + "/" + total);
        }

        @Override
        public void onFoldStarted(int fold, int folds) {
            events.add("start " + fold + "/" + folds);
        }

        @Override
        public void onFoldFinished(int fold, int folds) {
            events.add("finish " + fold + "/" + folds);
        }
    }

    static Dataset daily(int days) {
        Random random = new Random(3);
        double[][] x = new double[days][2];
        double[] y = new double[days];
        long[] t = new long[days];
        for (int d = 0; d < days; d++) {
            x[d][0] = random.nextGaussian();
            x[d][1] = random.nextGaussian();
            y[d] = 0.5 * x[d][0] + 0.1 * random.nextGaussian();
            t[d] = 946_857_600L + 86_400L * d;
        }
        return Dataset.of(List.of("f0", "f1"), x, y, t);
    }

    static TrainingRequest request(Dataset data, TrainingProgress progress) {
        return TrainingRequest.of("xgboost", data)
                .withSpec(TrainingSpec.defaults().withParameter("rounds", Integer.toString(ROUNDS)))
                .withProgress(progress);
    }

    @Test
    void walk_forward_reports_each_fold_in_order_with_its_iterations_between_start_and_finish() {
        Dataset data = daily(200);
        List<Split> splits = Splits.walkForward(data.times().orElseThrow(), 3, 20, Splits.Window.EXPANDING, 0,
                Purging.horizon(1));
        Recorder recorder = new Recorder();

        WalkForward.predictions(registry.training(), request(data, recorder), splits);

        List<String> expected = new ArrayList<>();
        for (int f = 1; f <= 3; f++) {
            expected.add("start " + f + "/3");
            for (int i = 1; i <= ROUNDS; i++) {
                expected.add("iteration " + i + "/" + ROUNDS);
            }
            expected.add("finish " + f + "/3");
        }
        assertThat(recorder.events).containsExactlyElementsOf(expected);
    }

    @Test
    void validation_in_parallel_reports_every_fold_started_once_and_finished_after_it_started() {
        Dataset data = daily(200);
        List<Split> splits = Splits.walkForward(data.times().orElseThrow(), 4, 20, Splits.Window.EXPANDING, 0,
                Purging.horizon(1));
        Recorder recorder = new Recorder();

        registry.training().validate(request(data, recorder), splits, 2);

        List<String> events = List.copyOf(recorder.events);
        for (int f = 1; f <= 4; f++) {
            String start = "start " + f + "/4";
            String finish = "finish " + f + "/4";
            assertThat(events).containsOnlyOnce(start, finish);
            assertThat(events.indexOf(start)).isLessThan(events.indexOf(finish));
        }
        assertThat(events).filteredOn(e -> e.startsWith("start") || e.startsWith("finish")).hasSize(8);
    }
}
