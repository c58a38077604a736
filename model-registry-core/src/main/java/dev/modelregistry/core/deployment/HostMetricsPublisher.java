package dev.modelregistry.core.deployment;

import dev.modelregistry.core.internal.metadata.HostMetricsStore;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this registry process's monitoring counters to the shared database, so that {@code
 * Monitoring.aggregate} on any process can add them up. The counters themselves stay in memory in each
 * deployment's {@link VersionMonitor}; what is written is a copy of their totals, replacing the previous
 * copy, every {@link #EVERY} on the deployer's scheduler once this process has an endpoint, and once more
 * on close. Serving never waits for it.
 *
 * <p>The host id is drawn once per registry open: the host name, the process id and 8 random hex digits,
 * e.g. {@code scoring-2/4711/9f3c01ab}. A reopen in the same process is a new host (its counters start from
 * zero too), and two registries opened in one process are two hosts. Thread-safe.
 */
final class HostMetricsPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(HostMetricsPublisher.class);
    /** How often the counters are written while this process serves. */
    static final Duration EVERY = Duration.ofSeconds(1);
    /** Hosts whose last write is older than this are deleted with their counters, by any host's write. */
    static final Duration RETENTION = Duration.ofDays(7);

    private final String hostId = newHostId();
    private final HostMetricsStore store;
    private final Endpoints endpoints;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;
    private boolean published;
    private boolean closed;

    HostMetricsPublisher(HostMetricsStore store, Endpoints endpoints, Clock clock, ScheduledExecutorService scheduler) {
        this.store = Objects.requireNonNull(store, "store");
        this.endpoints = endpoints;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    String hostId() {
        return hostId;
    }

    /** Starts the periodic writes; idempotent, and a no-op once closed. */
    synchronized void start() {
        if (task != null || closed) {
            return;
        }
        try {
            task = scheduler.scheduleWithFixedDelay(this::scheduled, EVERY.toNanos(), EVERY.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("the scheduler is shut down; monitoring counters are written on close only", e);
        }
    }

    private void scheduled() {
        try {
            publish();
        } catch (RuntimeException e) {
            // The next period tries again; the counters are still in memory.
            LOG.warn("cannot write this host's monitoring counters: {}", e.getMessage(), e);
        }
    }

    /** Writes the counters now, unless this process never served anything and never wrote. */
    synchronized void publish() {
        if (!closed) {
            write(false);
        }
    }

    /** Stops the periodic writes and writes the last counters, marked closed. Idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        try {
            write(true);
        } catch (RuntimeException e) {
            LOG.warn("cannot write this host's last monitoring counters: {}", e.getMessage(), e);
        }
    }

    private void write(boolean closing) {
        List<HostMetricsStore.Counts> counts = endpoints.servedNow().stream().map(s -> {
            VersionMonitor.Totals t = s.monitor.totals();
            return new HostMetricsStore.Counts(s.deploymentId, t.requests(), t.errors(), t.latencyBuckets());
        }).toList();
        if (counts.isEmpty() && !published) {
            return; // nothing to say, and nothing said before that needs replacing
        }
        long now = clock.millis();
        store.publish(hostId, now, closing, counts, now - RETENTION.toMillis());
        published = true;
    }

    private static String newHostId() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return hostName() + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
    }

    /** The environment's host name first: a name lookup can stall for seconds on a badly configured host. */
    private static String hostName() {
        for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
            String name = System.getenv(variable);
            if (name != null && !name.isBlank()) {
                return name.strip();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
