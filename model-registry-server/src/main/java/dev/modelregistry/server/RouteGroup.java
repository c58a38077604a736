package dev.modelregistry.server;

import io.javalin.config.RoutesConfig;

/**
 * A group of extra routes plugged into the server through {@link ServerOptions.Builder#routeGroup(RouteGroup)}
 * (for example the MLflow Model Registry dialect under {@code /api/2.0/mlflow/}).
 *
 * <p>Routes are registered on Javalin's {@link RoutesConfig} while the server is configured, with a
 * {@link dev.modelregistry.server.security.Role} as route role to require it:
 * {@code routes.get("/api/2.0/mlflow/registered-models/get", handler, Role.READER)}. A route without a role
 * requires {@code READER} for GET and HEAD and {@code WRITER} otherwise; {@link Access#PUBLIC} needs no token.
 * Every handler runs after authentication and authorization, under the caller's principal as the registry's
 * audit actor ({@link dev.modelregistry.core.ModelRegistry#callAs}); exceptions it throws are mapped to
 * {@link ApiError}s and written by the {@link ErrorFormat} registered for the path, the server's default
 * otherwise. Read JSON bodies with {@link ServerContext#readJson} so the size, depth and unknown-field limits
 * apply.
 */
@FunctionalInterface
public interface RouteGroup {
    /**
     * Registers this group's routes, once, before the server starts.
     *
     * @param routes Javalin's routes configuration
     * @param server the registry and the server's helpers
     */
    void register(RoutesConfig routes, ServerContext server);
}
