package dev.modelregistry.server.mlflow;

import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.server.ApiError;
import dev.modelregistry.server.ErrorFormat;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the server's errors as MLflow does: {@code {"error_code": ..., "message": ...}}, with MLflow's
 * statuses. MLflow answers an existing name with 400, not 409, and its clients switch on the code, so the code
 * matters more than the status. Never a 204 or an empty body: MLflow's Java client fails on those.
 *
 * <p>Thread-safe: stateless.
 */
final class MlflowErrors implements ErrorFormat {
    /** An MLflow error: its HTTP status and code. */
    private record Mlflow(int status, String code) {
    }

    /** From the server's codes ({@link ApiError#code()}) to MLflow's. */
    private static final Map<String, Mlflow> CODES = Map.of(
            "ALREADY_EXISTS", new Mlflow(400, "RESOURCE_ALREADY_EXISTS"),
            // An illegal state (an alias whose earlier target was deleted, ...): MLflow's INVALID_STATE.
            "CONFLICT", new Mlflow(400, "INVALID_STATE"),
            "INVALID", new Mlflow(400, "INVALID_PARAMETER_VALUE"),
            "UNAUTHENTICATED", new Mlflow(401, "UNAUTHENTICATED"),
            "FORBIDDEN", new Mlflow(403, "PERMISSION_DENIED"),
            "TOO_LARGE", new Mlflow(413, "REQUEST_LIMIT_EXCEEDED"),
            "UNAVAILABLE", new Mlflow(503, "TEMPORARILY_UNAVAILABLE"));

    @Override
    public void write(Context ctx, ApiError error) {
        Mlflow mlflow = CODES.get(error.code());
        if (mlflow == null && error.code().equals("NOT_FOUND")) {
            // A missing route has no library exception behind it; MLflow calls that ENDPOINT_NOT_FOUND.
            boolean resource = error.cause().filter(NotFoundException.class::isInstance).isPresent();
            mlflow = new Mlflow(404, resource ? "RESOURCE_DOES_NOT_EXIST" : "ENDPOINT_NOT_FOUND");
        } else if (mlflow == null) {
            mlflow = new Mlflow(error.status(), error.status() >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error_code", mlflow.code());
        body.put("message", error.message());
        ctx.status(mlflow.status()).json(body);
    }
}
