package dev.modelregistry.core.internal.metadata;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The actor of the work running on the current thread, when a caller (a server serving one request for one
 * principal) names someone other than the registry's configured actor. A thread-local rather than a
 * parameter on every service method: the audit rows are written deep inside the services, and one registry
 * serves many principals at once, each on its own thread.
 *
 * <p>Thread-safe: each thread sees only its own scope. Work the services hand to other threads (training
 * jobs, background canary steps) does not inherit it and records the registry's actor.
 */
public final class ScopedActor {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ScopedActor() {
    }

    /**
     * The actor named for the current thread, if any.
     *
     * @return the scoped actor, or empty outside a scope
     */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Runs work with {@code actor} as the current thread's actor, restoring the previous one afterwards.
     *
     * @param actor a non-blank name
     * @param work what to run
     * @param <T> the result type
     * @return what work returned
     */
    public static <T> T call(String actor, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(actor);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
