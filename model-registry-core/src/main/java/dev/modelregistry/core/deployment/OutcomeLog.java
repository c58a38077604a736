package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.monitoring.RequestNotFoundException;
import dev.modelregistry.core.internal.metadata.OutcomeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the predictions endpoints serve with a request id, and records their outcomes.
 *
 * <p><b>Serving never writes.</b> {@link #add} puts the prediction on a lock-free queue and, if no flush is
 * due, schedules one {@link #FLUSH_DELAY} later on the deployer's scheduler (a one-shot task, so a test's
 * manual scheduler sees no new periodic work). A scheduled flush writes up to {@link #PER_TRANSACTION}
 * queued predictions in one transaction (many rows per statement), off the serving threads, and if more
 * are queued schedules the next flush {@link #BACKLOG_DELAY} later: the background writer holds the
 * database for one short transaction at a time and then lets go, so deployer actions and readers never
 * queue behind a backlog. That caps what is kept at a few tens of thousands of predictions a second,
 * depending on the disk; beyond it the queue fills and predictions are dropped (below). {@link #record} takes the queued answers to its request id off the queue and writes them with the
 * outcome in one transaction, so an id served a moment ago is found; {@link #close} flushes what is left.
 *
 * <p><b>What survives a crash:</b> every outcome {@link #record} returned for; and every prediction
 * served more than {@link #FLUSH_DELAY} (plus the time of one write) before the crash. Predictions still
 * queued are lost, and so are those answered while the registry closes after its last flush. At most
 * {@link #MAX_PENDING} predictions wait; beyond that (the database cannot keep up) new ones are dropped,
 * counted and logged, rather than slowing callers or exhausting memory. A failed flush puts its rows back
 * and tries again later.
 *
 * <p><b>Retention:</b> predictions served more than {@code maxAge} ago, and the oldest beyond
 * {@code maxRows}, are deleted, whether or not they have outcomes, in batches of {@link #DELETE_BATCH},
 * by the first flush that writes after opening and then by such a flush at most every
 * {@link #RETENTION_EVERY}.
 *
 * <p>Thread-safe.
 */
final class OutcomeLog {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeLog.class);
    static final Duration FLUSH_DELAY = Duration.ofMillis(200);
    static final int MAX_PENDING = 50_000;
    /** Predictions per write transaction, and per scheduled flush. */
    static final int PER_TRANSACTION = 1_000;
    /** The pause between two scheduled flushes while a backlog is queued. */
    static final Duration BACKLOG_DELAY = Duration.ofMillis(20);
    static final int DELETE_BATCH = 5_000;
    static final Duration RETENTION_EVERY = Duration.ofMinutes(1);
    /** The default retention: 90 days, 5 million predictions. */
    static final Duration DEFAULT_MAX_AGE = Duration.ofDays(90);
    static final long DEFAULT_MAX_ROWS = 5_000_000;

    private final OutcomeStore store;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration maxAge;
    private final long maxRows;
    private final RequestIds ids;
    private final ConcurrentLinkedQueue<OutcomeStore.Served> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** The flush scheduled last, which {@link #close} cancels; null before the first. */
    private volatile ScheduledFuture<?> nextFlush;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong lastDropWarning = new AtomicLong(Long.MIN_VALUE);
    /** Serialises writers, so that a record never misses rows another flush has taken off the queue. */
    private final ReentrantLock writing = new ReentrantLock();
    /** System.nanoTime of the last retention run; guarded by {@link #writing}. */
    private long lastRetention;
    private boolean retentionRan;
    private volatile boolean closed;

    OutcomeLog(OutcomeStore store, Clock clock, ScheduledExecutorService scheduler, Duration maxAge, long maxRows) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new InvalidArgumentException("the outcome retention age must be positive, got " + maxAge);
        }
        if (maxRows < 1) {
            throw new InvalidArgumentException("the outcome retention must keep at least 1 prediction, got "
                    + maxRows);
        }
        this.maxRows = maxRows;
        this.ids = new RequestIds(clock::millis);
    }

    /** A new request id. */
    String nextId() {
        return ids.next();
    }

    /** The registry's clock, for serving times. */
    long nowMillis() {
        return clock.millis();
    }

    /** Queues a served prediction for writing; never blocks, never writes. */
    void add(OutcomeStore.Served row) {
        if (closed) {
            return; // answered while the registry closed, after its last flush
        }
        if (pendingCount.incrementAndGet() > MAX_PENDING) {
            pendingCount.decrementAndGet();
            dropped.increment();
            warnDropped();
            return;
        }
        pending.add(row);
        if (!flushScheduled.get() && flushScheduled.compareAndSet(false, true)) {
            scheduleFlush(FLUSH_DELAY);
        }
    }

    private void scheduleFlush(Duration delay) {
        try {
            nextFlush = scheduler.schedule(this::scheduledFlush, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The scheduler is shut down (the registry is closing): close or the next record writes them.
            flushScheduled.set(false);
        }
    }

    private void warnDropped() {
        long now = System.nanoTime();
        long last = lastDropWarning.get();
        if ((last == Long.MIN_VALUE || now - last > TimeUnit.MINUTES.toNanos(1))
                && lastDropWarning.compareAndSet(last, now)) {
            LOG.warn("{} served predictions could not be kept for outcomes: {} are waiting to be written",
                    dropped.sum(), MAX_PENDING);
        }
    }

    private void scheduledFlush() {
        flushScheduled.set(false);
        if (closed) {
            return;
        }
        boolean more;
        try {
            more = write(PER_TRANSACTION);
        } catch (RuntimeException e) {
            LOG.warn("writing served predictions failed; retrying in {}", FLUSH_DELAY, e);
            if (!closed && flushScheduled.compareAndSet(false, true)) {
                scheduleFlush(FLUSH_DELAY);
            }
            return;
        }
        if (more && !closed && flushScheduled.compareAndSet(false, true)) {
            scheduleFlush(BACKLOG_DELAY);
        }
    }

    /** Writes everything queued now, and enforces the retention when it is due. */
    void flush() {
        write(Integer.MAX_VALUE);
    }

    /**
     * Writes up to {@code limit} queued predictions, {@link #PER_TRANSACTION} per transaction; then enforces
     * the retention when it is due.
     *
     * @return whether predictions remain queued
     */
    private boolean write(int limit) {
        int written = 0;
        while (written < limit) {
            writing.lock();
            try {
                List<OutcomeStore.Served> rows = drain(Math.min(PER_TRANSACTION, limit - written));
                if (rows.isEmpty()) {
                    break;
                }
                try {
                    store.append(rows);
                } catch (RuntimeException e) {
                    requeue(rows);
                    throw e;
                }
                written += rows.size();
            } finally {
                writing.unlock();
            }
        }
        if (written > 0) { // while serving: a registry that serves nothing leaves the table alone
            writing.lock();
            try {
                if (!retentionRan || System.nanoTime() - lastRetention > RETENTION_EVERY.toNanos()) {
                    enforceRetention();
                }
            } finally {
                writing.unlock();
            }
        }
        return !pending.isEmpty();
    }

    /**
     * Deletes what the retention no longer keeps.
     *
     * @return how many rows were deleted
     */
    long enforceRetention() {
        writing.lock();
        try {
            retentionRan = true;
            lastRetention = System.nanoTime();
            long deleted = store.deleteExpired(clock.millis() - maxAge.toMillis(), maxRows, DELETE_BATCH);
            if (deleted > 0) {
                LOG.debug("outcome retention deleted {} served predictions", deleted);
            }
            return deleted;
        } finally {
            writing.unlock();
        }
    }

    private List<OutcomeStore.Served> drain(int max) {
        List<OutcomeStore.Served> rows = new ArrayList<>();
        OutcomeStore.Served r;
        while (rows.size() < max && (r = pending.poll()) != null) {
            rows.add(r);
        }
        pendingCount.addAndGet(-rows.size());
        return rows;
    }

    /** Takes the queued answers to one request off the queue (a scan; the queue is bounded). */
    private List<OutcomeStore.Served> take(String requestId) {
        List<OutcomeStore.Served> rows = new ArrayList<>();
        for (OutcomeStore.Served r : pending) {
            if (r.requestId().equals(requestId) && pending.remove(r)) {
                pendingCount.decrementAndGet();
                rows.add(r);
            }
        }
        return rows;
    }

    private void requeue(List<OutcomeStore.Served> rows) {
        pending.addAll(rows);
        pendingCount.addAndGet(rows.size());
    }

    /**
     * Records an outcome; see {@link dev.modelregistry.api.monitoring.Monitoring#recordOutcome}.
     *
     * @return true if recorded now, false if the same outcome was recorded before
     */
    boolean record(String requestId, double actual) {
        Objects.requireNonNull(requestId, "requestId");
        String id = RequestIds.requireValid(requestId);
        if (!Double.isFinite(actual)) {
            throw new InvalidArgumentException("the outcome of request " + id + " must be finite, got " + actual);
        }
        if (closed) {
            throw new RegistryClosedException("the registry is closed; outcomes cannot be recorded");
        }
        OutcomeStore.Recorded r;
        writing.lock();
        try {
            List<OutcomeStore.Served> rows = take(id);
            try {
                r = store.record(rows, id, actual, clock.millis());
            } catch (RuntimeException e) {
                requeue(rows);
                throw e;
            }
        } finally {
            writing.unlock();
        }
        return switch (r.found()) {
            case RECORDED -> true;
            case SAME -> false;
            case DIFFERENT -> throw new ConflictException("request " + id + " already has the outcome "
                    + r.existing().getAsDouble() + "; refusing to replace it with " + actual);
            case NONE -> throw notFound(id);
        };
    }

    private RequestNotFoundException notFound(String id) {
        long issued = RequestIds.millisOf(id);
        long now = clock.millis();
        String retention = "the registry keeps served predictions for " + maxAge + " and at most " + maxRows;
        if (issued < now - maxAge.toMillis()) {
            return new RequestNotFoundException("request " + id + " was served at " + Instant.ofEpochMilli(issued)
                    + " and has expired: " + retention);
        }
        return new RequestNotFoundException("no prediction with request id " + id + " (issued "
                + Instant.ofEpochMilli(issued) + ") is kept: it was not served by an endpoint of this registry with"
                + " serve or serveBatch, it was deleted as one of the oldest beyond the row limit (" + retention
                + "), or its process stopped before writing it");
    }

    /** How many predictions the store keeps (for tests and diagnostics; counts every row). */
    long kept() {
        return store.count();
    }

    /** Predictions dropped because too many waited to be written. */
    long dropped() {
        return dropped.sum();
    }

    /**
     * Cancels the scheduled flush, then flushes what is queued; later records are refused. Idempotent.
     * Closed first and cancelled before the last flush, so that no scheduled flush is left to write after
     * the database behind the store closes (it would fail and log a retry for rows already written).
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        ScheduledFuture<?> next = nextFlush;
        if (next != null) {
            next.cancel(false);
        }
        try {
            flush(); // waits for a scheduled flush in progress, then writes what is left
        } catch (RuntimeException e) {
            LOG.warn("could not write {} served predictions on close; their outcomes cannot be recorded",
                    pendingCount.get(), e);
        }
    }
}
