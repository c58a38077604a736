package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.monitoring.ServingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The monitor records without a lock; no count may be lost and no window entry may be torn. */
class VersionMonitorTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 20_000;

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void four_threads_recording_at_once_lose_no_count_and_tear_no_window_entry() throws Exception {
        VersionMonitor monitor = new VersionMonitor("prod", 1, new ModelRef.Numbered("m", 1), 500,
                ServingMetrics.Recorder.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            CountDownLatch start = new CountDownLatch(THREADS);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.countDown();
                    start.await();
                    double[] reused = new double[2];
                    for (int i = 0; i < PER_THREAD; i++) {
                        // Every entry carries its own check: latency = row[0], prediction = row[1], and
                        // errors are exactly the entries whose row[0] is odd.
                        reused[0] = thread * PER_THREAD + i;
                        reused[1] = -reused[0];
                        if (i % 2 == 1) {
                            monitor.error((long) reused[0], reused);
                        } else {
                            monitor.success((long) reused[0], reused[1], reused);
                        }
                    }
                    return null;
                }));
            }
            // Windows read while the writers run must be whole too.
            Future<?> reader = pool.submit(() -> {
                start.await();
                for (int k = 0; k < 200; k++) {
                    check(monitor.window());
                }
                return null;
            });
            for (Future<?> w : writers) {
                w.get(50, TimeUnit.SECONDS);
            }
            reader.get(50, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(monitor.analysisRequests()).isEqualTo((long) THREADS * PER_THREAD);
        assertThat(monitor.analysisErrors()).isEqualTo((long) THREADS * PER_THREAD / 2);
        VersionMonitor.Window window = monitor.window();
        assertThat(window.requests()).isEqualTo(500);
        check(window);
    }

    private static void check(VersionMonitor.Window w) {
        int ok = 0;
        int bad = 0;
        for (int i = 0; i < w.requests(); i++) {
            double[] row = w.rows()[i];
            assertThat(w.latencyNanos()[i]).isEqualTo((long) row[0]);
            assertThat(row[1]).isEqualTo(-row[0]);
            if (((long) row[0]) % 2 == 1) {
                bad++;
            } else {
                assertThat(w.predictions()[ok++]).isEqualTo(row[1]);
            }
        }
        assertThat(w.errors()).isEqualTo(bad);
        assertThat(w.predictions()).hasSize(ok);
    }
}
