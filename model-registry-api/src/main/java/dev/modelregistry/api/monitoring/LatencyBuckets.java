package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.List;

/**
 * The fixed latency buckets that hosts count requests into, so that counts from many hosts can be added
 * up: a percentile cannot be merged, a bucket count can. Bucket {@code i} counts the requests whose
 * latency was at most {@link #UPPER_BOUNDS_MILLIS}{@code .get(i)} and above the bound before it; one last
 * bucket counts everything slower than the largest bound. Percentiles estimated from merged buckets are
 * the upper bound of the bucket that holds the percentile (a request of 3 ms counts as "at most 5 ms").
 *
 * <p>Stateless and thread-safe.
 */
public final class LatencyBuckets {
    /** The upper bounds in milliseconds, ascending; there is one more bucket than bounds (the overflow). */
    public static final List<Double> UPPER_BOUNDS_MILLIS = List.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0);
    /** How many buckets there are: one per bound, plus the overflow bucket. */
    public static final int COUNT = UPPER_BOUNDS_MILLIS.size() + 1;
    private static final long[] UPPER_BOUNDS_NANOS = UPPER_BOUNDS_MILLIS.stream()
            .mapToLong(m -> Math.round(m * 1_000_000)).toArray();

    private LatencyBuckets() {
    }

    /**
     * The bucket a latency falls in.
     *
     * @param nanos the latency in nanoseconds
     * @return the bucket's index, from 0 to {@link #COUNT} - 1
     */
    public static int indexOf(long nanos) {
        for (int i = 0; i < UPPER_BOUNDS_NANOS.length; i++) {
            if (nanos <= UPPER_BOUNDS_NANOS[i]) {
                return i;
            }
        }
        return UPPER_BOUNDS_NANOS.length;
    }

    /**
     * The upper bound of the bucket that holds a percentile of the counted requests.
     *
     * @param counts one count per bucket ({@link #COUNT} of them)
     * @param p the percentile as a fraction, in (0, 1]
     * @return the bound in milliseconds; 0 when nothing was counted; {@link Double#POSITIVE_INFINITY} when
     *     the percentile lies in the overflow bucket
     * @throws InvalidArgumentException if there are not {@link #COUNT} counts
     */
    public static double percentileUpperBoundMillis(List<Long> counts, double p) {
        if (counts.size() != COUNT) {
            throw new InvalidArgumentException("expected " + COUNT + " bucket counts, got " + counts.size());
        }
        long total = counts.stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < UPPER_BOUNDS_MILLIS.size(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return UPPER_BOUNDS_MILLIS.get(i);
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
