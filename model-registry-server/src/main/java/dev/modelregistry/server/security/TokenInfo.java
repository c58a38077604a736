package dev.modelregistry.server.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A token as the store lists it: everything but the secret, which the store never keeps.
 *
 * @param id the token's public id (also the first part of the secret)
 * @param principal who the token acts for; the audit trail names it as the actor
 * @param role what it may do
 * @param created when it was created
 */
public record TokenInfo(String id, String principal, Role role, Instant created) {
    /**
     * A token's description.
     *
     * @param id non-null
     * @param principal non-null
     * @param role non-null
     * @param created non-null
     */
    public TokenInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(created, "created");
    }
}
