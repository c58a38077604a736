package dev.modelregistry.server.internal;

import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.server.ApiError;

/** An error the server itself decides (401, 403, 413, a bad header), carrying the response to give. */
public final class HttpProblem extends ModelRegistryException {
    private final transient ApiError error;

    HttpProblem(int status, String code, String message) {
        super(message);
        this.error = ApiError.of(status, code, message);
    }

    /**
     * The error response this problem stands for.
     *
     * @return the response to give
     */
    public ApiError error() {
        return error;
    }

    static HttpProblem invalid(String message) {
        return new HttpProblem(400, "INVALID", message);
    }

    static HttpProblem tooLarge(long max) {
        return new HttpProblem(413, "TOO_LARGE", "the request body is larger than " + max + " bytes");
    }
}
