package dev.modelregistry.server.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.UntrustedArchiveException;
import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.UnsupportedFormatException;
import dev.modelregistry.server.ApiError;
import io.javalin.http.HttpResponseException;
import java.util.Optional;

/** From the library's exception tree to HTTP statuses and stable codes; the one place that decides them. */
final class ErrorMapping {
    private ErrorMapping() {
    }

    static ApiError map(Exception e) {
        Optional<Exception> cause = Optional.of(e);
        if (e instanceof HttpProblem p) {
            return new ApiError(p.error().status(), p.error().code(), p.error().message(), cause);
        }
        if (e instanceof NotFoundException) {
            return new ApiError(404, "NOT_FOUND", message(e), cause);
        }
        if (e instanceof AlreadyExistsException) {
            return new ApiError(409, "ALREADY_EXISTS", message(e), cause);
        }
        if (e instanceof ConflictException || e instanceof TrainingCancelledException) {
            return new ApiError(409, "CONFLICT", message(e), cause);
        }
        if (e instanceof UntrustedArchiveException) {
            // Before INVALID (it is one): the caller can decide to accept it, with a reason (allowUntrusted).
            return new ApiError(400, "UNTRUSTED", message(e), cause);
        }
        if (e instanceof InvalidArgumentException || e instanceof InvalidArtifactException
                || e instanceof UnsupportedFormatException) {
            return new ApiError(400, "INVALID", message(e), cause);
        }
        if (e instanceof IntegrityException) {
            return new ApiError(500, "INTEGRITY", message(e), cause);
        }
        if (e instanceof RegistryClosedException) {
            return new ApiError(503, "UNAVAILABLE", message(e), cause);
        }
        if (e instanceof StorageException) {
            // An I/O failure, a lost database or a gc that refused to empty the store: not a bug.
            return new ApiError(500, "STORAGE", message(e), cause);
        }
        if (e instanceof StreamConstraintsException) {
            return new ApiError(400, "INVALID", "JSON body exceeds a limit: " + e.getMessage(), cause);
        }
        if (e instanceof JacksonException j) {
            return new ApiError(400, "INVALID", "malformed JSON body: " + j.getOriginalMessage(), cause);
        }
        if (e instanceof HttpResponseException h) {
            return forStatus(h.getStatus(), message(e), cause);
        }
        return new ApiError(500, "INTERNAL", "internal error (" + e.getClass().getSimpleName() + ")", cause);
    }

    /**
     * The error for a bare HTTP status, as Javalin's and Jetty's own errors carry: the documented code for
     * it, {@code INVALID} for other 4xx, {@code INTERNAL} for 5xx (and for a status that is not an error).
     */
    static ApiError forStatus(int status, String message, Optional<Exception> cause) {
        String code = switch (status) {
            case 400 -> "INVALID";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "TOO_LARGE";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL" : "INVALID";
        };
        return new ApiError(status >= 400 && status <= 599 ? status : 500, code, message, cause);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
