package dev.modelregistry.core.internal.metadata;

/**
 * Tells cheaply whether the database may have changed: {@link #stamp()} returns the same object for
 * as long as no transaction has committed, in this process or any other, and a new one after. State
 * derived from the database (a cache of resolved references) stays valid while the stamp it was read
 * under is current, provided it took the stamp <em>before</em> reading. A stamp may change without a
 * commit (the caller then only reads again), never the other way round.
 *
 * <p>Implementations are thread-safe.
 */
public interface ChangeWatch {
    /** Never the same stamp twice: for databases without a cheap change counter. */
    ChangeWatch ALWAYS_CHANGED = Object::new;

    /**
     * The current stamp.
     *
     * @return an object that is identical to the previous call's result exactly when nothing committed
     *         in between (as far as the watch can tell; it errs toward a new stamp)
     */
    Object stamp();
}
