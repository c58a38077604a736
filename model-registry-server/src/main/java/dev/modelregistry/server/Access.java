package dev.modelregistry.server;

import io.javalin.security.RouteRole;

/**
 * Route markers besides the {@link dev.modelregistry.server.security.Role roles}, given to a route the same
 * way (as Javalin route roles).
 */
public enum Access implements RouteRole {
    /** No token needed, even when tokens are configured (health and readiness probes). */
    PUBLIC,
    /**
     * The route reads its body as a stream of any size (artifact uploads): the server's maximum body size,
     * which protects JSON routes, does not apply to it.
     */
    STREAMED_BODY
}
