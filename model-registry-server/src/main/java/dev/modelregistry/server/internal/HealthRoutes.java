package dev.modelregistry.server.internal;

import dev.modelregistry.server.Access;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * Liveness and readiness for orchestrators, open without a token: health says the process answers; readiness
 * says the registry answers a query (its database is reachable and open).
 */
final class HealthRoutes implements RouteGroup {
    @Override
    public void register(RoutesConfig routes, ServerContext server) {
        routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")), Access.PUBLIC);
        routes.get("/ready", ctx -> {
            server.registry().versions().models();
            ctx.json(Map.of("status", "READY"));
        }, Access.PUBLIC);
    }
}
