package dev.modelregistry.server.internal;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.MetricFilter;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.Page;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import dev.modelregistry.server.security.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Models, versions, aliases, tags, metrics, documents, compare, search and audit under /api/v1. */
final class ModelRoutes implements RouteGroup {
    static final String BASE = "/api/v1";

    record NameBody(String to) {
    }

    record TagValue(String value) {
    }

    record AliasBody(int version) {
    }

    record ReasonBody(String reason) {
    }

    record MetricsBody(Map<String, Double> metrics) {
    }

    @Override
    public void register(RoutesConfig r, ServerContext server) {
        VersionManager versions = server.registry().versions();
        String model = BASE + "/models/{model}";
        String version = model + "/versions/{version}";

        r.get(BASE + "/models", ctx -> ctx.json(versions.models().stream().map(Views::model).toList()));
        r.get(model, ctx -> ctx.json(Views.model(versions.model(Params.model(ctx)))));
        r.delete(model, ctx -> {
            versions.deleteModel(Params.model(ctx));
            ctx.json(Map.of());
        }, Role.ADMIN);
        r.post(model + "/rename", ctx -> {
            String from = Params.model(ctx);
            NameBody body = server.readJson(ctx, NameBody.class);
            ctx.json(Views.model(versions.renameModel(from, require(body.to(), "to"))));
        }, Role.WRITER);
        r.put(model + "/tags/{key}", ctx -> {
            String name = Params.model(ctx);
            String key = Params.tagKey(ctx);
            ctx.json(Views.model(versions.setModelTag(name, key, require(server.readJson(ctx, TagValue.class)
                    .value(), "value"))));
        }, Role.WRITER);
        r.delete(model + "/tags/{key}", ctx -> ctx.json(Views.model(
                versions.removeModelTag(Params.model(ctx), Params.tagKey(ctx)))), Role.WRITER);

        r.get(model + "/versions", ctx -> {
            String name = Params.model(ctx);
            boolean all = "true".equals(ctx.queryParam("includeDeleted"));
            List<ModelVersion> list = all ? versions.history(name) : versions.versions(name);
            ctx.json(list.stream().map(Views::version).toList());
        });
        r.get(version, ctx -> ctx.json(Views.version(versions.get(Params.ref(ctx)))));
        r.delete(version, ctx -> ctx.json(Views.version(
                versions.deleteVersion(Params.model(ctx), Params.number(ctx, "version")))), Role.ADMIN);
        r.put(version + "/tags/{key}", ctx -> {
            ModelRef ref = Params.ref(ctx);
            String key = Params.tagKey(ctx);
            ctx.json(Views.version(versions.setVersionTag(ref, key, require(server.readJson(ctx, TagValue.class)
                    .value(), "value"))));
        }, Role.WRITER);
        r.delete(version + "/tags/{key}", ctx -> ctx.json(Views.version(
                versions.removeVersionTag(Params.ref(ctx), Params.tagKey(ctx)))), Role.WRITER);
        r.put(version + "/metrics", ctx -> {
            ModelRef ref = Params.ref(ctx);
            MetricsBody body = server.readJson(ctx, MetricsBody.class);
            ctx.json(Views.version(versions.putMetrics(ref, require(body.metrics(), "metrics"))));
        }, Role.WRITER);
        r.get(version + "/documents", ctx -> ctx.json(versions.documents(Params.ref(ctx)).keySet()));
        r.get(version + "/documents/{name}", ctx -> {
            ModelRef ref = Params.ref(ctx);
            String name = Params.identifier(ctx, "name");
            String doc = versions.documents(ref).get(name);
            if (doc == null) {
                throw new dev.modelregistry.api.NotFoundException("version " + ref + " has no document '"
                        + name + "'");
            }
            ctx.contentType("application/json").result(doc);
        });
        r.put(version + "/documents/{name}", ctx -> {
            ModelRef ref = Params.ref(ctx);
            String name = Params.identifier(ctx, "name");
            String json = server.json().writeValueAsString(server.readJson(ctx,
                    com.fasterxml.jackson.databind.JsonNode.class));
            ctx.json(Views.version(versions.putDocument(ref, name, json)));
        }, Role.WRITER);

        r.get(model + "/aliases", ctx -> ctx.json(versions.model(Params.model(ctx)).aliases()));
        r.put(model + "/aliases/{alias}", ctx -> {
            String name = Params.model(ctx);
            String alias = Params.alias(ctx);
            ctx.json(Views.version(versions.setAlias(name, alias, server.readJson(ctx, AliasBody.class)
                    .version())));
        }, Role.WRITER);
        r.delete(model + "/aliases/{alias}", ctx -> {
            versions.removeAlias(Params.model(ctx), Params.alias(ctx));
            ctx.json(Map.of());
        }, Role.WRITER);
        r.get(model + "/aliases/{alias}/history", ctx -> ctx.json(
                versions.aliasHistory(Params.model(ctx), Params.alias(ctx))));
        r.post(model + "/aliases/{alias}/rollback", ctx -> ctx.json(Views.version(
                versions.rollback(Params.model(ctx), Params.alias(ctx)))), Role.WRITER);

        r.get(model + "/compare", ctx -> {
            String name = Params.model(ctx);
            ctx.json(versions.compare(ModelRef.parse(name + "/" + query(ctx, "from")),
                    ModelRef.parse(name + "/" + query(ctx, "to"))));
        });
        r.get(BASE + "/search", ctx -> ctx.json(search(versions, ctx)));
        r.get(BASE + "/audit", ctx -> {
            Optional<String> name = Optional.ofNullable(ctx.queryParam("model"))
                    .map(dev.modelregistry.api.Names::requireModelName);
            Optional<Instant> from = Optional.ofNullable(ctx.queryParam("from")).map(ModelRoutes::instant);
            Optional<Instant> before = Optional.ofNullable(ctx.queryParam("before")).map(ModelRoutes::instant);
            int limit = Params.intQuery(ctx, "limit", 1_000, 1, 100_000);
            ctx.json(server.registry().audit().query(name, from, before, limit));
        }, Role.ADMIN);
    }

    private static Map<String, Object> search(VersionManager versions, Context ctx) {
        SearchQuery.Builder q = SearchQuery.builder();
        Optional.ofNullable(ctx.queryParam("name")).ifPresent(q::namePattern);
        Optional.ofNullable(ctx.queryParam("modelType")).ifPresent(q::modelType);
        Optional.ofNullable(ctx.queryParam("createdFrom")).map(ModelRoutes::instant).ifPresent(q::createdFrom);
        Optional.ofNullable(ctx.queryParam("createdBefore")).map(ModelRoutes::instant).ifPresent(q::createdBefore);
        q.includeDeleted("true".equals(ctx.queryParam("includeDeleted")));
        for (String tag : ctx.queryParams("tag")) {
            int colon = tag.indexOf(':');
            if (colon <= 0) {
                throw new InvalidArgumentException("tag filter must be key:value, not '" + tag + "'");
            }
            q.tag(tag.substring(0, colon), tag.substring(colon + 1));
        }
        for (String metric : ctx.queryParams("metric")) {
            q.metric(metricName(metric), comparison(metric), metricValue(metric));
        }
        Optional.ofNullable(ctx.queryParam("order")).ifPresent(o -> q.order(enumValue(SearchQuery.Order.class,
                o, "order")));
        q.pageSize(Params.intQuery(ctx, "pageSize", 100, 1, 1_000));
        SearchQuery query = q.build();
        String token = ctx.queryParam("pageToken");
        if (token != null) {
            query = query.continueAt(token);
        }
        Page<ModelVersion> page = versions.search(query);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(Views::version).toList());
        page.nextPageToken().ifPresent(t -> out.put("nextPageToken", t));
        return out;
    }

    // metric filters: name>=0.9, name<0.1, name=1 (the operators MetricFilter.Comparison knows)
    private static final java.util.regex.Pattern METRIC = java.util.regex.Pattern.compile(
            "([^<>=]+)(>=|<=|=|>|<)(.+)");

    private static String metricName(String filter) {
        return metricMatch(filter).group(1);
    }

    private static MetricFilter.Comparison comparison(String filter) {
        return switch (metricMatch(filter).group(2)) {
            case ">=" -> MetricFilter.Comparison.AT_LEAST;
            case "<=" -> MetricFilter.Comparison.AT_MOST;
            case ">" -> MetricFilter.Comparison.GREATER_THAN;
            case "<" -> MetricFilter.Comparison.LESS_THAN;
            default -> MetricFilter.Comparison.EQUAL;
        };
    }

    private static double metricValue(String filter) {
        try {
            return Double.parseDouble(metricMatch(filter).group(3));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("metric filter value must be a number: '" + filter + "'");
        }
    }

    private static java.util.regex.Matcher metricMatch(String filter) {
        java.util.regex.Matcher m = METRIC.matcher(filter);
        if (!m.matches()) {
            throw new InvalidArgumentException("metric filter must be like auc>=0.9, not '" + filter + "'");
        }
        return m;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new InvalidArgumentException("unknown " + what + " '" + text + "'");
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidArgumentException("not an ISO-8601 instant: '" + text + "'");
        }
    }

    static String query(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException("query parameter '" + name + "' is required");
        }
        return value;
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new InvalidArgumentException("field '" + field + "' is required");
        }
        return value;
    }
}
