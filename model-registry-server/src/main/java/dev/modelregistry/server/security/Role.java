package dev.modelregistry.server.security;

import io.javalin.security.RouteRole;

/**
 * What a token may do, each role including the ones before it: a reader reads; a writer also registers,
 * tags, moves aliases and uploads; a deployer also deploys, ramps, promotes and rolls back; an admin also
 * deletes and reads the audit trail. Used as a Javalin route role: a route registered with a role requires it.
 */
public enum Role implements RouteRole {
    /** Reads models, versions, metrics, monitoring; predicts. */
    READER,
    /** Also changes the catalogue: registers, tags, aliases, metrics, training jobs. */
    WRITER,
    /** Also changes what serves: deployments and their moves. */
    DEPLOYER,
    /** Everything, deletions and the audit trail included. */
    ADMIN;

    /**
     * Whether a token with this role may call a route that requires {@code required}.
     *
     * @param required the route's role
     * @return true when this role is {@code required} or above it
     */
    public boolean covers(Role required) {
        return compareTo(java.util.Objects.requireNonNull(required, "required")) >= 0;
    }

    /**
     * Parses a role name, case-insensitively.
     *
     * @param name reader, writer, deployer or admin
     * @return the role
     * @throws dev.modelregistry.api.InvalidArgumentException for any other name
     */
    public static Role parse(String name) {
        java.util.Objects.requireNonNull(name, "name");
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new dev.modelregistry.api.InvalidArgumentException(
                "unknown role '" + name + "': expected reader, writer, deployer or admin");
    }
}
