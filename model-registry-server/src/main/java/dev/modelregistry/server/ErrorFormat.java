package dev.modelregistry.server;

import io.javalin.http.Context;

/**
 * Writes an {@link ApiError} as a response, for route groups whose clients expect another error dialect
 * (MLflow's {@code {"error_code":...,"message":...}}). Registered per path prefix through
 * {@link ServerContext#errorFormat(String, ErrorFormat)}; it receives every error under that prefix,
 * authentication, authorization, size and JSON errors included, and may change the status.
 */
@FunctionalInterface
public interface ErrorFormat {
    /**
     * Writes the error: status, headers and body.
     *
     * @param ctx the request
     * @param error the error as the server mapped it
     */
    void write(Context ctx, ApiError error);
}
