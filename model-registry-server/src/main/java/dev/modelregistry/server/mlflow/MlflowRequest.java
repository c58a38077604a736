package dev.modelregistry.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.server.ServerContext;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One MLflow request's parameters, wherever they came from: the query string of a GET (form-encoded, lists as
 * repeated keys), or the JSON body of a POST, PATCH or DELETE. A DELETE that carries a query string instead of
 * a body is read from the query string too, because some HTTP clients cannot send a body with DELETE.
 *
 * <p>Unknown fields are ignored rather than refused, unlike {@code /api/v1}: newer MLflow clients send fields
 * this server does not know yet (MLflow 3's {@code model_id}), and refusing them would break those clients.
 *
 * <p>Not thread-safe: one per request.
 */
final class MlflowRequest {
    private final Context ctx;
    private final Optional<JsonNode> body;

    private MlflowRequest(Context ctx, Optional<JsonNode> body) {
        this.ctx = ctx;
        this.body = body;
    }

    static MlflowRequest of(Context ctx, ServerContext server) {
        boolean query = ctx.method() == HandlerType.GET
                || (ctx.method() == HandlerType.DELETE && ctx.queryString() != null && !ctx.queryString().isEmpty()
                        && ctx.req().getContentLengthLong() <= 0);
        if (query) {
            return new MlflowRequest(ctx, Optional.empty());
        }
        JsonNode node = server.readJson(ctx, JsonNode.class);
        if (node == null || !node.isObject()) {
            throw new InvalidArgumentException("the request body must be a JSON object");
        }
        return new MlflowRequest(ctx, Optional.of(node));
    }

    /** A parameter that must be present and not empty, in MLflow's own words when it is missing. */
    String required(String field) {
        return optional(field).orElseThrow(() -> new InvalidArgumentException(
                "Missing value for required parameter '" + field + "'."));
    }

    Optional<String> optional(String field) {
        if (body.isEmpty()) {
            return Optional.ofNullable(ctx.queryParam(field)).filter(s -> !s.isEmpty());
        }
        JsonNode value = body.get().get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw new InvalidArgumentException("parameter '" + field + "' must be a string");
        }
        return Optional.of(value.asText()).filter(s -> !s.isEmpty());
    }

    /** MLflow sends version numbers as strings ({@code "3"}); a JSON number is accepted as well. */
    int version() {
        return positive("version", required("version"));
    }

    Optional<Integer> optionalInt(String field) {
        return optional(field).map(text -> positive(field, text));
    }

    boolean flag(String field) {
        return optional(field).map(Boolean::parseBoolean).orElse(false);
    }

    List<String> list(String field) {
        if (body.isEmpty()) {
            return ctx.queryParams(field).stream().filter(s -> !s.isEmpty()).toList();
        }
        JsonNode value = body.get().get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidArgumentException("parameter '" + field + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        value.forEach(item -> out.add(item.asText()));
        return out;
    }

    /** MLflow's tags: a list of {@code {"key": ..., "value": ...}} objects, in the order sent. */
    Map<String, String> tags() {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode value = body.map(b -> b.get("tags")).orElse(null);
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw new InvalidArgumentException("parameter 'tags' must be a list of {key, value} objects");
        }
        for (JsonNode tag : value) {
            JsonNode key = tag.get("key");
            if (key == null || !key.isTextual()) {
                throw new InvalidArgumentException("every tag needs a string 'key'");
            }
            JsonNode v = tag.get("value");
            out.put(key.asText(), v == null || v.isNull() ? "" : v.asText());
        }
        return out;
    }

    private static int positive(String field, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below, which names the field
        }
        throw new InvalidArgumentException("parameter '" + field + "' must be a positive integer, got '" + text
                + "'");
    }
}
