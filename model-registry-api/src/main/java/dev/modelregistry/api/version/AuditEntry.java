package dev.modelregistry.api.version;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the audit trail, written in the same transaction as the change it records.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence the row's position in the trail, increasing
 * @param at when
 * @param actor who (the registry's configured actor)
 * @param operation what, e.g. {@code register}, {@code set-alias}, {@code delete-version}
 * @param model the model concerned (empty text for registry-wide operations)
 * @param target what inside the model, e.g. {@code 3} or {@code @champion}
 * @param before a short summary of the state before (empty text if nothing existed)
 * @param after a short summary of the state after (empty text if nothing remains)
 */
public record AuditEntry(long sequence, Instant at, String actor, String operation, String model, String target,
        String before, String after) {
    /**
     * Validates the fields.
     *
     * @param sequence the position
     * @param at when
     * @param actor who
     * @param operation what
     * @param model the model
     * @param target the target
     * @param before the state before
     * @param after the state after
     */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
