package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.monitoring.ServingMetrics;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.version.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lease protocol of a served model copy, hammered directly: readers lease whatever copy is current
 * while the test swaps in new copies and retires old ones. No reader may ever hold a lease on a released
 * copy, and every retired copy is released exactly once when its last lease ends.
 */
class ServedLeaseTest {

    /** A model that only notes whether it was released and whether it was used afterwards. */
    static final class Probe implements LoadedModel {
        final AtomicInteger releases = new AtomicInteger();

        @Override
        public ModelVersion version() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long weightBytes() {
            return 0;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release() {
            releases.incrementAndGet();
        }
    }

    @Test
    @Timeout(60)
    void no_lease_is_ever_held_on_a_released_copy_and_every_retired_copy_is_released_once() throws Exception {
        ModelRef.Numbered version = new ModelRef.Numbered("m", 1);
        AtomicReference<Served> current = new AtomicReference<>(served(version, new Probe()));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger violations = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    Served s = current.get();
                    if (s.acquire()) {
                        Probe probe = (Probe) s.model;
                        for (int spin = 0; spin < 50; spin++) { // "predicting": a release may race with it
                            if (probe.releases.get() != 0) {
                                violations.incrementAndGet();
                                break;
                            }
                            Thread.onSpinWait();
                        }
                        s.release();
                    }
                }
            });
            readers.add(reader);
            reader.start();
        }
        List<Served> retired = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Served old = current.getAndSet(served(version, new Probe()));
            old.retire();
            retired.add(old);
        }
        stop.set(true);
        for (Thread reader : readers) {
            reader.join(30_000);
            assertThat(reader.isAlive()).as("a reader still runs 30 s after stop").isFalse();
        }
        assertThat(violations.get()).as("leases held on released copies").isZero();
        assertThat(retired).allSatisfy(s -> assertThat(((Probe) s.model).releases.get()).isEqualTo(1));
        assertThat(((Probe) current.get().model).releases.get()).isZero();
    }

    private static Served served(ModelRef.Numbered version, Probe probe) {
        return new Served(1, version, probe, row -> 0, new VersionMonitor("e", 1, version, 10,
                ServingMetrics.Recorder.NONE));
    }
}
