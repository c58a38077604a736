package dev.modelregistry.core.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} on a virtual clock that only moves when the test says so: nothing runs
 * until {@link #advance} (or {@link #runPending} for plain {@code execute}), and then on the test's thread, in
 * due order. Lets tests drive scheduled checks and background tasks without sleeping or polling. Not
 * thread-safe beyond what the deployer needs (scheduling from one thread while the test advances is
 * serialised by this object's monitor).
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final List<Task<?>> tasks = new ArrayList<>();
    private long now;
    private long sequence;
    private boolean shutdown;

    /** Runs every task due now (including those {@link #execute}d), in due order. */
    void runPending() {
        advance(Duration.ZERO);
    }

    /** Moves the virtual clock forward, running each task as its time comes (periodic ones repeatedly). */
    void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toNanos();
        }
        for (;;) {
            Task<?> next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.isDone() && t.due <= target)
                        .min(Comparator.<Task<?>>comparingLong(t -> t.due).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    tasks.removeIf(Task::isDone);
                    return;
                }
                now = next.due;
            }
            next.run();
        }
    }

    /** The periods of the periodic tasks still scheduled (not cancelled, not failed). */
    synchronized List<Duration> periods() {
        return tasks.stream().filter(t -> !t.isDone() && t.period > 0).map(t -> Duration.ofNanos(t.period)).toList();
    }

    /** How many tasks wait to run (not cancelled, not finished). */
    synchronized int waiting() {
        return (int) tasks.stream().filter(t -> !t.isDone()).count();
    }

    private synchronized <V> Task<V> add(Callable<V> work, long delayNanos, long periodNanos) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task<V> t = new Task<>(work, now + Math.max(0, delayNanos), periodNanos, sequence++);
        tasks.add(t);
        return t;
    }

    @Override
    public void execute(Runnable command) {
        add(() -> {
            command.run();
            return null;
        }, 0, 0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(() -> {
            command.run();
            return null;
        }, unit.toNanos(delay), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, unit.toNanos(delay), 0);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        if (period <= 0) {
            throw new IllegalArgumentException("period " + period);
        }
        return add(() -> {
            command.run();
            return null;
        }, unit.toNanos(initialDelay), unit.toNanos(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        tasks.forEach(t -> t.cancel(false));
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && tasks.stream().allMatch(Task::isDone);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    /** A task due at a virtual time; periodic ones move their due time on after each run. */
    private final class Task<V> implements ScheduledFuture<V>, Runnable {
        private final Callable<V> work;
        private final long period;
        private final long order;
        private long due;
        private boolean cancelled;
        private boolean done;
        private V result;
        private Throwable failure;

        Task(Callable<V> work, long due, long period, long order) {
            this.work = work;
            this.due = due;
            this.period = period;
            this.order = order;
        }

        @Override
        public void run() {
            try {
                V v = work.call();
                synchronized (ManualScheduler.this) {
                    if (period > 0) {
                        due += period;
                    } else {
                        result = v;
                        done = true;
                    }
                }
            } catch (Exception | Error e) {
                synchronized (ManualScheduler.this) {
                    failure = e; // like a real scheduler: a periodic task that throws stops
                    done = true;
                }
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (ManualScheduler.this) {
                return unit.convert(due - now, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualScheduler.this) {
                if (done) {
                    return false;
                }
                cancelled = true;
                done = true;
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (ManualScheduler.this) {
                return cancelled;
            }
        }

        @Override
        public boolean isDone() {
            synchronized (ManualScheduler.this) {
                return done;
            }
        }

        @Override
        public V get() throws ExecutionException {
            synchronized (ManualScheduler.this) {
                if (!done || cancelled) {
                    throw new IllegalStateException("a manual task is only waited for after it ran");
                }
                if (failure != null) {
                    throw new ExecutionException(failure);
                }
                return result;
            }
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException {
            return get();
        }
    }
}
