package dev.modelregistry.server;

import java.util.Objects;
import java.util.Optional;

/**
 * An error the server answers with, before it is written in a route group's format. The default format is
 * {@code {"error":{"code":CODE,"message":MESSAGE}}} with {@link #status()} as the HTTP status.
 *
 * <p>Codes: {@code NOT_FOUND} 404, {@code CONFLICT} 409 (an existing name, an illegal transition),
 * {@code INVALID} 400 (bad arguments, names, JSON), {@code UNAUTHENTICATED} 401, {@code FORBIDDEN} 403,
 * {@code TOO_LARGE} 413, {@code INTEGRITY} 500 (stored data that fails its checks), {@code INTERNAL} 500.
 *
 * @param status the HTTP status
 * @param code a stable, upper-case code clients may switch on
 * @param message a human-readable explanation
 * @param cause the exception it was mapped from, if any (for formats that map exception types themselves)
 */
public record ApiError(int status, String code, String message, Optional<Exception> cause) {
    /**
     * An error.
     *
     * @param status 400 to 599
     * @param code non-null
     * @param message non-null
     * @param cause non-null, may be empty
     */
    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(cause, "cause");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
    }

    /**
     * An error not caused by an exception.
     *
     * @param status 400 to 599
     * @param code the code
     * @param message the message
     * @return the error
     */
    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, Optional.empty());
    }
}
