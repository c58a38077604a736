package dev.modelregistry.server.internal;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.Names;
import io.javalin.http.Context;

/**
 * Path and query parameters, checked by the library's own name rules before anything reaches the registry:
 * a name that could mean a path ({@code ..}, a slash, a NUL) fails here with 400.
 */
final class Params {
    private Params() {
    }

    static String model(Context ctx) {
        return Names.requireModelName(ctx.pathParam("model"));
    }

    static String alias(Context ctx) {
        return Names.requireAliasName(ctx.pathParam("alias"));
    }

    static String tagKey(Context ctx) {
        return Names.requireTagKey(ctx.pathParam("key"));
    }

    static String environment(Context ctx) {
        return Names.requireEnvironmentName(ctx.pathParam("environment"));
    }

    static String identifier(Context ctx, String name) {
        return Names.requireIdentifier(name, ctx.pathParam(name));
    }

    /** {@code {version}}: a number, {@code latest}, or an alias. */
    static ModelRef ref(Context ctx) {
        String model = model(ctx);
        String version = ctx.pathParam("version");
        if (version.matches("[0-9]{1,9}")) {
            return ModelRef.parse(model + "/" + version);
        }
        // parse checks the alias by the library's rules (latest and v3 are the reserved ones).
        return ModelRef.parse(model + "@" + version);
    }

    static int number(Context ctx, String name) {
        String text = ctx.pathParam(name);
        if (!text.matches("[0-9]{1,9}")) {
            throw new InvalidArgumentException(name + " must be a positive integer, not '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    static int intQuery(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new InvalidArgumentException(name + " must be in [" + min + ", " + max + "], not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name + " must be an integer, not '" + text + "'");
        }
    }
}
