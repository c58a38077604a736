package dev.modelregistry.server;

import dev.modelregistry.server.security.Role;
import java.util.Objects;

/**
 * Who made a request: the principal its bearer token was created for and the token's role. When the server
 * runs without tokens (loopback only), every caller is {@link #LOCAL}.
 *
 * @param name the token's principal, written to the audit trail as the actor
 * @param role what the token may do
 */
public record Principal(String name, Role role) {
    /** The caller of a server without tokens: it may do everything, and the registry's own actor is audited. */
    public static final Principal LOCAL = new Principal("local", Role.ADMIN);

    /**
     * A principal.
     *
     * @param name non-blank
     * @param role the token's role
     */
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (name.isBlank()) {
            throw new dev.modelregistry.api.InvalidArgumentException("principal name must not be blank");
        }
    }
}
