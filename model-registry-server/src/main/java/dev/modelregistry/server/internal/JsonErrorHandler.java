package dev.modelregistry.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.ApiError;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's server-wide error handler, so that errors Jetty raises before a request reaches Javalin's
 * routing (a NUL or an ambiguous segment in the path, bad percent-encoding, a malformed request line,
 * headers too large) answer the same {@code {"error":{"code":…,"message":…}}} body as every route instead
 * of Jetty's HTML page. A route group's own error dialect cannot apply here: the request never reached a
 * route. Stateless apart from the thread-safe mapper; thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final String JSON = "application/json;charset=utf-8";
    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = java.util.Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    private byte[] body(int status, String reason) {
        ApiError error = ErrorMapping.forStatus(status, reason == null || reason.isBlank()
                ? "HTTP " + status : reason, Optional.empty());
        try {
            return mapper.writeValueAsBytes(Map.of("error", Map.of("code", error.code(), "message",
                    error.message())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }
}
