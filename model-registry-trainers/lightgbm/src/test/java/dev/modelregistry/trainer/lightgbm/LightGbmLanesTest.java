package dev.modelregistry.trainer.lightgbm;

import static dev.modelregistry.testkit.prediction.PredictionAgreement.assertThreadsAgree;
import static dev.modelregistry.testkit.prediction.PredictionAgreement.bits;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Predictions run on per-thread boosters ("lanes") through LightGBM's single-row fast path; they must
 * equal, bit for bit, what lightgbm4j's batch prediction on the same text gives, from any number of
 * threads, and closing while threads predict must neither crash nor answer from a freed booster.
 */
class LightGbmLanesTest {
    private static final List<String> NAMES = List.of("x0", "x1", "x2", "x3");

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void four_threads_on_four_lanes_give_the_raw_batch_answers_bit_for_bit() throws Exception {
        for (Task task : List.of(Task.REGRESSION, Task.BINARY_CLASSIFICATION)) {
            String text = train(task);
            double[][] rows = rows(400, 3L);
            long[] expected = bits(rawBatch(text, rows));
            try (LightGbmNativeModel model = LightGbmNativeModel.load(text, Optional.empty(), 4)) {
                assertThat(bits(model.predictBatch(rows))).as("%s batch", task).containsExactly(expected);
                double[] single = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    single[i] = model.predict(rows[i]);
                }
                assertThat(bits(single)).as("%s single rows, one thread", task).containsExactly(expected);
                assertThreadsAgree(model, rows, expected, 4, 25, String.valueOf(task));
                assertThat(model.lanes()).as("lanes made for overlapping predictions").isBetween(2, 4);
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closing_while_four_threads_predict_ends_them_with_closed_and_never_a_wrong_answer() throws Exception {
        String text = train(Task.REGRESSION);
        double[][] rows = rows(50, 4L);
        long[] expected = bits(rawBatch(text, rows));
        for (int round = 0; round < 5; round++) {
            LightGbmNativeModel model = LightGbmNativeModel.load(text, Optional.empty(), 4);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch running = new CountDownLatch(4);
                List<Future<Integer>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    futures.add(pool.submit(() -> {
                        running.countDown();
                        int answered = 0;
                        try {
                            for (int k = 0; ; k++) {
                                double y = model.predict(rows[k % rows.length]);
                                assertThat(Double.doubleToRawLongBits(y)).isEqualTo(expected[k % rows.length]);
                                answered++;
                            }
                        } catch (IllegalStateException e) {
                            assertThat(e).hasMessageContaining("closed");
                        }
                        return answered;
                    }));
                }
                running.await();
                Thread.sleep(20);
                model.close();
                for (Future<Integer> f : futures) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).isPositive();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void the_weight_counts_the_text_on_the_heap_and_once_more_per_native_booster() throws Exception {
        String text = train(Task.REGRESSION);
        long textBytes = text.getBytes(StandardCharsets.UTF_8).length;
        double[][] rows = rows(50, 9L);
        try (LightGbmNativeModel model = LightGbmNativeModel.load(text, Optional.empty(), 4)) {
            assertThat(model.sizeBytes()).as("heap text + the first booster").isEqualTo(2 * textBytes);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch start = new CountDownLatch(4);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    futures.add(pool.submit(() -> {
                        start.countDown();
                        start.await();
                        for (int k = 0; k < 2_000; k++) {
                            model.predict(rows[k % rows.length]);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(model.sizeBytes()).as("with %d lanes", model.lanes()).isEqualTo((1 + model.lanes()) * textBytes);
        }
    }

    private static String train(Task task) throws Exception {
        Random rnd = new Random(task.ordinal() + 1);
        double[][] x = new double[600][NAMES.size()];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < NAMES.size(); j++) {
                x[i][j] = rnd.nextDouble() * 2 - 1;
            }
            double signal = 3 * x[i][0] - 2 * x[i][1] + 0.3 * rnd.nextGaussian();
            y[i] = task == Task.REGRESSION ? signal : (signal > 0 ? 1 : 0);
        }
        TrainingSpec spec = TrainingSpec.defaults().withTask(task);
        try (NativeModel model = new LightGbmTrainer().train(TrainingInput.of(new LightGbmTrainer(), spec,
                Dataset.of(NAMES, x, y), Optional.empty(), TrainingContext.NONE))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.write(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** What lightgbm4j's own batch prediction answers for the same text: the reference. */
    private static double[] rawBatch(String text, double[][] rows) throws Exception {
        double[] flat = new double[rows.length * NAMES.size()];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * NAMES.size(), NAMES.size());
        }
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(text)) {
            return booster.predictForMat(flat, rows.length, NAMES.size(), true, PredictionType.C_API_PREDICT_NORMAL);
        }
    }

    /** Rows wider than the training range, with some missing values. */
    private static double[][] rows(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] rows = new double[n][NAMES.size()];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextInt(20) == 0 ? Double.NaN : rnd.nextDouble() * 4 - 2;
            }
        }
        return rows;
    }
}
