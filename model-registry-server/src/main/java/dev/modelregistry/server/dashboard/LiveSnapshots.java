package dev.modelregistry.server.dashboard;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a Server-Sent Event {@code snapshot} to a client at once and then every interval until it goes away.
 * One daemon thread for every stream of the JVM: a snapshot is a few in-memory reads, and a client that stopped
 * reading is noticed at its next send, which ends its schedule.
 *
 * <p>Thread-safe.
 */
final class LiveSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSnapshots.class);
    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-registry-dashboard-stream");
        t.setDaemon(true);
        return t;
    });

    private final Duration interval;
    private final Set<AtomicReference<ScheduledFuture<?>>> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LiveSnapshots(Duration interval) {
        this.interval = interval;
    }

    void stream(SseClient client, Supplier<String> snapshot) {
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        client.keepAlive();
        client.onClose(() -> cancel(task));
        streams.add(task);
        task.set(TICKS.scheduleWithFixedDelay(() -> {
            if (closed || client.terminated()) {
                cancel(task);
                return;
            }
            try {
                client.sendEvent("snapshot", snapshot.get());
            } catch (RuntimeException e) {
                // The registry closed under the server, or a read failed: end this stream, keep the others.
                LOG.warn("dashboard stream stopped: {}", e.toString());
                client.close();
                cancel(task);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Ends every stream's schedule, before the server stops: a tick after that would read a registry that may be
     * closed and answer on a request Jetty already recycled. The connections end with the server.
     */
    void close() {
        closed = true;
        streams.forEach(this::cancel);
    }

    private void cancel(AtomicReference<ScheduledFuture<?>> task) {
        streams.remove(task);
        ScheduledFuture<?> f = task.get();
        if (f != null) {
            f.cancel(false);
        }
    }
}
