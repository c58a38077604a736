package dev.modelregistry.core.internal.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL {@code LISTEN} on a connection of its own, read by a daemon thread that calls a wake-up for
 * every notification. The thread waits in {@code getNotifications} with a timeout, so that {@link #close}
 * takes effect within {@link #WAIT_MILLIS} without closing a connection under a reading thread. A failed
 * connection is logged once per outage and opened again every {@link #RETRY_MILLIS}; notifications sent
 * while it was down are lost, so a listener must also poll. Thread-safe.
 */
final class PostgresListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    static final int WAIT_MILLIS = 250;
    static final long RETRY_MILLIS = 1_000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Opens a new connection; the listener owns and closes it. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final String channel;
    private final Runnable wake;
    private final Thread thread;
    private volatile boolean closed;

    private PostgresListener(Connector connector, String channel, Runnable wake) {
        this.connector = connector;
        this.channel = channel;
        this.wake = wake;
        this.thread = new Thread(this::run, "model-registry-listen-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
    }

    /**
     * Starts listening.
     *
     * @param connector opens the listening connection (again after a failure)
     * @param channel the channel, an SQL identifier of lower-case letters and underscores
     * @param wake called for each notification on the listener's thread
     * @return the running listener
     */
    static PostgresListener start(Connector connector, String channel, Runnable wake) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        PostgresListener l = new PostgresListener(connector, channel, wake);
        l.thread.start();
        return l;
    }

    private void run() {
        boolean failing = false;
        while (!closed) {
            try (Connection c = connector.connect()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                if (failing) {
                    LOG.info("listening for changes on '{}' again", channel);
                    failing = false;
                }
                // Something may have changed while no connection listened: one wake-up covers it.
                wake.run();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(WAIT_MILLIS);
                    if (got != null && got.length > 0 && !closed) {
                        wake.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    LOG.warn("cannot listen for changes on '{}' (polling still follows them): {}", channel,
                            e.getMessage());
                    failing = true;
                }
                pause();
            }
        }
    }

    private void pause() {
        long until = System.nanoTime() + RETRY_MILLIS * 1_000_000;
        try {
            while (!closed && System.nanoTime() < until) {
                Thread.sleep(WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /**
     * Stops listening: the thread ends and closes its connection within about {@link #WAIT_MILLIS}, or
     * after the wake-up it is running returns. The thread is not interrupted, so that a wake-up in progress
     * (a model loading, say) is not cut off halfway.
     */
    @Override
    public void close() {
        closed = true;
    }
}
