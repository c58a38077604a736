package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.monitoring.LatencyBuckets;
import dev.modelregistry.api.monitoring.ServingMetrics;
import dev.modelregistry.api.monitoring.VersionMetrics;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measurements of one deployment: total counts, counts since canary analysis last decided, and a
 * sliding window of the latest requests (latency, outcome, prediction, input row). Thread-safe and
 * lock-free: counters are striped ({@link LongAdder}), and each request claims a window slot with one
 * atomic increment and publishes an immutable entry into it, so concurrent requests never wait for
 * each other. A window read while requests are recorded holds, per slot, the older or the newer entry.
 */
final class VersionMonitor {
    final String environment;
    final long deploymentId;
    final ModelRef.Numbered version;
    private final ServingMetrics.Recorder recorder;
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder analysisRequests = new LongAdder();
    private final LongAdder analysisErrors = new LongAdder();
    /** Every request's latency since serving started, counted into the fixed buckets hosts can add up. */
    private final LongAdder[] latencyBuckets = new LongAdder[LatencyBuckets.COUNT];

    private final int capacity;
    /** The window: slot {@code n % capacity} holds the n-th request's entry (or a later one). */
    private final AtomicReferenceArray<Entry> slots;
    private final AtomicLong written = new AtomicLong();

    /** One request, immutable once published. */
    private record Entry(long latencyNanos, double prediction, boolean failed, double[] row) {
    }

    VersionMonitor(String environment, long deploymentId, ModelRef.Numbered version, int capacity,
            ServingMetrics.Recorder recorder) {
        this.environment = environment;
        this.deploymentId = deploymentId;
        this.version = version;
        this.capacity = capacity;
        this.recorder = recorder;
        this.slots = new AtomicReferenceArray<>(capacity);
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new LongAdder(); // striped like the other counters: most requests hit one bucket
        }
    }

    void success(long nanos, double prediction, double[] row) {
        requests.increment();
        analysisRequests.increment();
        record(nanos, prediction, false, row);
        recorder.success(nanos, prediction);
    }

    void error(long nanos, double[] row) {
        requests.increment();
        errors.increment();
        analysisRequests.increment();
        analysisErrors.increment();
        record(nanos, Double.NaN, true, row);
        recorder.error(nanos);
    }

    private void record(long nanos, double prediction, boolean error, double[] row) {
        latencyBuckets[LatencyBuckets.indexOf(nanos)].increment();
        int i = (int) (written.getAndIncrement() % capacity);
        slots.set(i, new Entry(nanos, prediction, error, row.clone())); // the caller may reuse its array
    }

    /** Forgets the counts canary analysis judged; the window stays. */
    void markAnalysed() {
        analysisRequests.reset();
        analysisErrors.reset();
    }

    long analysisRequests() {
        return analysisRequests.sum();
    }

    long analysisErrors() {
        return analysisErrors.sum();
    }

    /**
     * The totals since serving started, in the form that adds up across hosts. Read while requests are
     * recorded, the three may disagree by the requests in flight.
     */
    Totals totals() {
        long[] buckets = new long[latencyBuckets.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = latencyBuckets[i].sum();
        }
        return new Totals(requests.sum(), errors.sum(), buckets);
    }

    /**
     * What a deployment served since it started serving here.
     *
     * @param requests requests answered or failed
     * @param errors requests that failed
     * @param latencyBuckets every request's latency, counted per {@link LatencyBuckets} bucket
     */
    record Totals(long requests, long errors, long[] latencyBuckets) {
    }

    /** A copy of the window: every slot written so far, each entry whole. */
    Window window() {
        int n = (int) Math.min(written.get(), capacity);
        long[] lat = new long[n];
        double[] preds = new double[n];
        double[][] in = new double[n][];
        int taken = 0;
        int ok = 0;
        int bad = 0;
        for (int i = 0; i < n; i++) {
            Entry e = slots.get(i);
            if (e == null) {
                continue; // claimed, not yet published
            }
            lat[taken] = e.latencyNanos();
            in[taken] = e.row();
            taken++;
            if (e.failed()) {
                bad++;
            } else {
                preds[ok++] = e.prediction();
            }
        }
        return new Window(Arrays.copyOf(lat, taken), Arrays.copyOf(preds, ok), Arrays.copyOf(in, taken), bad);
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
