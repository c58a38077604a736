package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.storage.ModelStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the registry's services share: the database, the blob store, the clock and the actor.
 *
 * @param actor the registry's configured actor; {@link #actor()} prefers a {@link ScopedActor} when one is set
 */
public record RegistryContext(MetadataDatabase db, ModelStorage storage, Clock clock, String actor) {
    /**
     * Who the audit trail names for work on the current thread: the {@link ScopedActor} if one is set (a
     * server acting for a token's principal), the registry's configured actor otherwise.
     *
     * @return the actor
     */
    @Override
    public String actor() {
        return ScopedActor.current().orElse(actor);
    }

    /** Now, at the millisecond precision the database keeps, so values read back compare equal. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
