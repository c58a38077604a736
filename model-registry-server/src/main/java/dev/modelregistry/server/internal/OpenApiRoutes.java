package dev.modelregistry.server.internal;

import dev.modelregistry.server.Access;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI 3 document of /api/v1, a hand-written resource ({@code openapi.json} beside this class)
 * so that it says what the API promises rather than what happens to be registered; OpenApiTest checks the
 * two agree.
 */
final class OpenApiRoutes implements RouteGroup {
    static final String PATH = ModelRoutes.BASE + "/openapi.json";

    @Override
    public void register(RoutesConfig r, ServerContext server) {
        byte[] document;
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's jar");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        r.get(PATH, ctx -> ctx.contentType("application/json").result(document), Access.PUBLIC);
    }
}
