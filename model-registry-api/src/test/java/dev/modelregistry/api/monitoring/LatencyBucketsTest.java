package dev.modelregistry.api.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {
    private static final ModelRef.Numbered V = new ModelRef.Numbered("m", 1);

    /** Counts with {@code n} requests in each of the given buckets. */
    private static List<Long> counts(long n, int... buckets) {
        List<Long> out = new ArrayList<>(Collections.nCopies(LatencyBuckets.COUNT, 0L));
        for (int b : buckets) {
            out.set(b, out.get(b) + n);
        }
        return out;
    }

    @Test
    void a_latency_falls_in_the_first_bucket_whose_bound_it_does_not_exceed() {
        assertThat(LatencyBuckets.indexOf(0)).isZero();
        assertThat(LatencyBuckets.indexOf(1_000_000)).as("1 ms is at most 1 ms").isEqualTo(4);
        assertThat(LatencyBuckets.indexOf(1_000_001)).as("just over 1 ms").isEqualTo(5);
        assertThat(LatencyBuckets.indexOf(Long.MAX_VALUE)).as("overflow").isEqualTo(LatencyBuckets.COUNT - 1);
    }

    @Test
    void percentiles_of_merged_buckets_are_the_bounds_of_the_buckets_that_hold_them() {
        // Host one: 90 requests at most 1 ms (bucket 4); host two: 10 requests at most 100 ms (bucket 10).
        VersionTotals sum = VersionTotals.of(V, 90, 0, counts(90, 4)).plus(VersionTotals.of(V, 10, 5, counts(10, 10)));
        assertThat(sum.requests()).isEqualTo(100);
        assertThat(sum.errors()).isEqualTo(5);
        assertThat(sum.errorRate()).isEqualTo(0.05);
        assertThat(sum.latencyP50UpperMillis()).isEqualTo(1.0);
        assertThat(sum.latencyP95UpperMillis()).isEqualTo(100.0);
        assertThat(sum.latencyP99UpperMillis()).isEqualTo(100.0);
    }

    @Test
    void a_percentile_past_the_largest_bound_is_infinite_and_no_requests_give_zero() {
        assertThat(LatencyBuckets.percentileUpperBoundMillis(counts(3, LatencyBuckets.COUNT - 1), 0.5))
                .isInfinite();
        assertThat(LatencyBuckets.percentileUpperBoundMillis(counts(0), 0.99)).isZero();
    }

    @Test
    void totals_of_different_versions_do_not_add_up() {
        VersionTotals one = VersionTotals.of(V, 1, 0, counts(1, 0));
        VersionTotals two = VersionTotals.of(new ModelRef.Numbered("m", 2), 1, 0, counts(1, 0));
        assertThatThrownBy(() -> one.plus(two)).isInstanceOf(InvalidArgumentException.class);
    }
}
