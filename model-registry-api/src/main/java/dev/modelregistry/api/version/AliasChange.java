package dev.modelregistry.api.version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One move of an alias, kept forever so that rollback is one call and reviews can see who moved it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param model the model's name
 * @param alias the alias
 * @param previous the version it pointed to before, if any
 * @param target the version it points to after, or empty when the alias was removed
 * @param at when
 * @param actor who
 * @param reason why: {@code set}, {@code rollback}, {@code removed}, {@code version deleted}, ...
 */
public record AliasChange(
        String model,
        String alias,
        Optional<Integer> previous,
        Optional<Integer> target,
        Instant at,
        String actor,
        String reason) {
    /**
     * Validates the fields.
     *
     * @param model the model
     * @param alias the alias
     * @param previous the previous target
     * @param target the new target
     * @param at when
     * @param actor who
     * @param reason why
     */
    public AliasChange {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
    }
}
