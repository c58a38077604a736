package dev.modelregistry.testkit.property;

/**
 * Assumptions inside a property: a try whose input does not fit is discarded, not failed.
 * JUnit's own {@code Assumptions} (which throw {@code TestAbortedException}) work the same way.
 * Prefer generating fitting inputs: a property that discards most tries gives up with an error.
 * Thread-safe (stateless).
 */
public final class Assume {

    private Assume() {
    }

    /**
     * Discards the current try unless {@code condition} holds.
     *
     * @param condition the assumption
     */
    public static void that(boolean condition) {
        if (!condition) {
            throw new Rejected();
        }
    }

    /**
     * Discards the current try. Declared to return a value so it can end any expression, e.g.
     * {@code return Assume.discard();}.
     *
     * @param <T> any type
     * @return never returns
     */
    public static <T> T discard() {
        throw new Rejected();
    }

    /** The signal of a discarded try; cheap because it has no stack trace. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected() {
            super("try discarded by an assumption", null, false, false);
        }
    }
}
