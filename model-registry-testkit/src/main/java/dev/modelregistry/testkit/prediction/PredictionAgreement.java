package dev.modelregistry.testkit.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.training.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asserts that concurrent single-row predictions agree bit for bit with the answers of one thread. Native
 * libraries that keep per-call state (a fast-config handle, a one-row matrix) or pool it across threads show
 * such bugs only when calls overlap, so the threads start together behind a latch and each predicts every row
 * several times. Thread-safe: each call uses its own pool.
 */
public final class PredictionAgreement {
    private static final long TIMEOUT_SECONDS = 120;

    private PredictionAgreement() {
    }

    /**
     * The raw bits of each value, for comparisons that tell {@code -0.0} from {@code 0.0} and NaN payloads apart.
     *
     * @param values the values
     * @return {@link Double#doubleToRawLongBits} of each
     */
    public static long[] bits(double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.doubleToRawLongBits(values[i]);
        }
        return out;
    }

    /**
     * Runs {@code threads} threads at once, each predicting every row {@code passes} times in turn, and asserts
     * that every answer has the expected bits.
     *
     * @param predictor the model under test; must be thread-safe
     * @param rows the rows
     * @param expectedBits {@link #bits} of the single-threaded answers, one per row
     * @param threads how many threads predict at once (at least 2)
     * @param passes how many times each thread predicts every row (at least 1)
     * @param description what is tested, for the failure message
     * @throws AssertionError naming the row and thread count at the first answer that differs, or if a thread
     *     fails or does not finish within two minutes
     */
    public static void assertThreadsAgree(Predictor predictor, double[][] rows, long[] expectedBits, int threads,
            int passes, String description) {
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(expectedBits, "expectedBits");
        Objects.requireNonNull(description, "description");
        if (threads < 2 || passes < 1 || expectedBits.length != rows.length) {
            throw new IllegalArgumentException("need threads >= 2, passes >= 1 and one expected answer per row, got "
                    + threads + ", " + passes + " and " + expectedBits.length + " for " + rows.length + " rows");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(threads);
            List<Future<double[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.countDown();
                    start.await();
                    double[] out = new double[rows.length * passes];
                    for (int k = 0; k < out.length; k++) {
                        out[k] = predictor.predict(rows[k % rows.length]);
                    }
                    return out;
                }));
            }
            for (Future<double[]> f : futures) {
                double[] out = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                for (int k = 0; k < out.length; k++) {
                    assertThat(Double.doubleToRawLongBits(out[k])).as("%s row %d, %d threads", description,
                            k % rows.length, threads).isEqualTo(expectedBits[k % rows.length]);
                }
            }
        } catch (ExecutionException e) {
            throw new AssertionError(description + ": a predicting thread failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(description + ": a predicting thread did not finish in " + TIMEOUT_SECONDS
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(description + ": interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
