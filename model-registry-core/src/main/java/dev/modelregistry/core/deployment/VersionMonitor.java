package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.monitoring.ServingMetrics;
import dev.modelregistry.api.monitoring.VersionMetrics;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measurements of one deployment: total counts, counts since canary analysis last decided, and a
 * sliding window of the latest requests (latency, outcome, prediction, input row). Thread-safe: the
 * window is guarded by this object's monitor.
 */
final class VersionMonitor {
    final String environment;
    final long deploymentId;
    final ModelRef.Numbered version;
    private final ServingMetrics.Recorder recorder;
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong analysisRequests = new AtomicLong();
    private final AtomicLong analysisErrors = new AtomicLong();

    private final int capacity;
    private final long[] latencyNanos;
    private final double[] predictions;
    private final boolean[] failed;
    private final double[][] rows;
    private long written;

    VersionMonitor(String environment, long deploymentId, ModelRef.Numbered version, int capacity,
            ServingMetrics.Recorder recorder) {
        this.environment = environment;
        this.deploymentId = deploymentId;
        this.version = version;
        this.capacity = capacity;
        this.recorder = recorder;
        this.latencyNanos = new long[capacity];
        this.predictions = new double[capacity];
        this.failed = new boolean[capacity];
        this.rows = new double[capacity][];
    }

    void success(long nanos, double prediction, double[] row) {
        requests.increment();
        analysisRequests.incrementAndGet();
        record(nanos, prediction, false, row);
        recorder.success(nanos, prediction);
    }

    void error(long nanos, double[] row) {
        requests.increment();
        errors.increment();
        analysisRequests.incrementAndGet();
        analysisErrors.incrementAndGet();
        record(nanos, Double.NaN, true, row);
        recorder.error(nanos);
    }

    private synchronized void record(long nanos, double prediction, boolean error, double[] row) {
        int i = (int) (written++ % capacity);
        latencyNanos[i] = nanos;
        predictions[i] = prediction;
        failed[i] = error;
        rows[i] = row.clone(); // the caller may reuse its array
    }

    /** Forgets the counts canary analysis judged; the window stays. */
    void markAnalysed() {
        analysisRequests.set(0);
        analysisErrors.set(0);
    }

    long analysisRequests() {
        return analysisRequests.get();
    }

    long analysisErrors() {
        return analysisErrors.get();
    }

    /** A consistent copy of the window. */
    synchronized Window window() {
        int n = (int) Math.min(written, capacity);
        long[] lat = Arrays.copyOf(latencyNanos, n);
        int ok = 0;
        int bad = 0;
        double[] preds = new double[n];
        double[][] in = new double[n][];
        for (int i = 0; i < n; i++) {
            if (failed[i]) {
                bad++;
            } else {
                preds[ok++] = predictions[i];
            }
            in[i] = rows[i];
        }
        return new Window(lat, Arrays.copyOf(preds, ok), in, bad);
    }

    VersionMetrics metrics(DeploymentState state) {
        Window w = window();
        long total = requests.sum();
        long bad = errors.sum();
        double[] lat = Arrays.stream(w.latencyNanos()).sorted().asDoubleStream().toArray();
        double[] preds = w.predictions().clone();
        Arrays.sort(preds);
        double mean = Arrays.stream(preds).average().orElse(Double.NaN);
        double sd = preds.length == 0 ? Double.NaN
                : Math.sqrt(Arrays.stream(preds).map(p -> (p - mean) * (p - mean)).sum() / preds.length);
        return new VersionMetrics(environment, deploymentId, version, state, total, bad,
                total == 0 ? 0 : bad / (double) total, millis(lat, 0.50), millis(lat, 0.95), millis(lat, 0.99),
                mean, sd, Drift.percentile(preds, 0.05), Drift.percentile(preds, 0.50), Drift.percentile(preds, 0.95));
    }

    private static double millis(double[] sortedNanos, double p) {
        return sortedNanos.length == 0 ? 0 : Drift.percentile(sortedNanos, p) / 1e6;
    }

    /**
     * A copy of the sliding window.
     *
     * @param latencyNanos every request's latency
     * @param predictions the answers of the requests that succeeded
     * @param rows every request's input row
     * @param errors how many of the window's requests failed
     */
    record Window(long[] latencyNanos, double[] predictions, double[][] rows, int errors) {
        int requests() {
            return latencyNanos.length;
        }

        double latencyPercentileNanos(double p) {
            return Drift.percentile(Arrays.stream(latencyNanos).sorted().asDoubleStream().toArray(), p);
        }
    }
}
