package dev.modelregistry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.core.ModelRegistry;
import io.javalin.http.Context;

/**
 * What a {@link RouteGroup} gets from the server. Thread-safe.
 */
public interface ServerContext {
    /**
     * The registry the server serves.
     *
     * @return the registry
     */
    ModelRegistry registry();

    /**
     * The server's JSON mapper: unknown properties fail, nesting depth is limited. Share it for writing too.
     *
     * @return the mapper
     */
    ObjectMapper json();

    /**
     * Reads the request body as JSON of the given type, within the server's body size and nesting limits.
     * Failures become 400 {@code INVALID} (or 413 {@code TOO_LARGE}) errors.
     *
     * @param ctx the request
     * @param type the body's type (a record, a {@code JsonNode}, ...)
     * @param <T> the type
     * @return the body
     */
    <T> T readJson(Context ctx, Class<T> type);

    /**
     * Who made the request (after authentication).
     *
     * @param ctx the request
     * @return the principal, {@link Principal#LOCAL} when the server runs without tokens
     */
    Principal principal(Context ctx);

    /**
     * Writes errors for every path starting with {@code pathPrefix} in another format. The longest matching
     * prefix wins.
     *
     * @param pathPrefix such as {@code /api/2.0/mlflow/}
     * @param format the writer
     */
    void errorFormat(String pathPrefix, ErrorFormat format);
}
