package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.storage.ModelStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the registry's services share: the database, the blob store, the clock and the actor. */
public record RegistryContext(MetadataDatabase db, ModelStorage storage, Clock clock, String actor) {
    /** Now, at the millisecond precision the database keeps, so values read back compare equal. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
