package dev.modelregistry.server.mlflow;

import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelNotFoundException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.server.ServerContext;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MLflow's {@code registered-models/*} calls, tags and aliases included. A model here is either live in the
 * registry (it has versions) or {@linkplain PendingModels pending} (created through MLflow, no version yet);
 * every call looks in both, the registry first.
 *
 * <p>Thread-safe: the registry and the pending models are.
 */
final class RegisteredModelEndpoints {
    static final int MAX_MODELS_PER_PAGE = 1_000;
    private static final int DEFAULT_MODELS_PER_PAGE = 100;

    private final ServerContext server;
    private final PendingModels pending;

    RegisteredModelEndpoints(ServerContext server, PendingModels pending) {
        this.server = server;
        this.pending = pending;
    }

    private VersionManager versions() {
        return server.registry().versions();
    }

    /** The live model of that name, if any. */
    Optional<ModelInfo> live(String name) {
        try {
            return Optional.of(versions().model(Names.requireModelName(name)));
        } catch (ModelNotFoundException e) {
            return Optional.empty();
        }
    }

    void create(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        String name = Names.requireModelName(req.required("name"));
        Map<String, String> tags = checkedTags(req.tags());
        req.optional("description").ifPresent(d -> tags.put(MlflowViews.DESCRIPTION_TAG, Names.requireTagValue(d)));
        if (live(name).isPresent()) {
            throw new AlreadyExistsException("Registered Model (name=" + name + ") already exists.");
        }
        ctx.json(Map.of("registered_model", MlflowViews.pending(pending.create(name, tags))));
    }

    void get(Context ctx) {
        String name = MlflowRequest.of(ctx, server).required("name");
        ctx.json(Map.of("registered_model", view(name)));
    }

    void rename(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        String name = req.required("name");
        String to = Names.requireModelName(req.required("new_name"));
        if (pending.get(to).isPresent()) {
            throw new AlreadyExistsException("Registered Model (name=" + to + ") already exists.");
        }
        if (live(name).isPresent()) {
            versions().renameModel(name, to);
        } else {
            if (live(to).isPresent()) {
                throw new AlreadyExistsException("Registered Model (name=" + to + ") already exists.");
            }
            pending.rename(name, to);
        }
        ctx.json(Map.of("registered_model", view(to)));
    }

    void update(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        String name = req.required("name");
        // As in MLflow, whose handler stores the request's description as it is: absent or empty clears it.
        String description = Names.requireTagValue(req.optional("description").orElse(""));
        setTag(name, MlflowViews.DESCRIPTION_TAG, description);
        ctx.json(Map.of("registered_model", view(name)));
    }

    void delete(Context ctx) {
        String name = MlflowRequest.of(ctx, server).required("name");
        boolean wasPending = pending.remove(name).isPresent();
        if (live(name).isPresent() || !wasPending) {
            versions().deleteModel(name);
        }
        ctx.json(Map.of());
    }

    void setTag(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        setTag(req.required("name"), Names.requireTagKey(req.required("key")),
                Names.requireTagValue(req.optional("value").orElse("")));
        ctx.json(Map.of());
    }

    void deleteTag(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        setTag(req.required("name"), Names.requireTagKey(req.required("key")), "");
        ctx.json(Map.of());
    }

    /** Sets a tag on a live or pending model; an empty value removes it. */
    private void setTag(String name, String key, String value) {
        if (live(name).isPresent()) {
            if (value.isEmpty()) {
                versions().removeModelTag(name, key);
            } else {
                versions().setModelTag(name, key, value);
            }
            return;
        }
        pending.update(name, tags -> {
            if (value.isEmpty()) {
                tags.remove(key);
            } else {
                tags.put(key, value);
            }
            return tags;
        });
    }

    void latestVersions(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        String name = req.required("name");
        List<String> stages = req.list("stages");
        Optional<ModelInfo> model = live(name);
        if (model.isEmpty()) {
            pending.get(name).orElseThrow(() -> PendingModels.missing(name));
            stages.forEach(Stages::parse);
            ctx.json(Map.of("model_versions", List.of()));
            return;
        }
        ctx.json(Map.of("model_versions", Stages.latest(versions().versions(name), stages).stream()
                .map(MlflowViews::version).toList()));
    }

    void setAlias(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        versions().setAlias(req.required("name"), req.required("alias"), req.version());
        ctx.json(Map.of());
    }

    void deleteAlias(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        versions().removeAlias(req.required("name"), req.required("alias"));
        ctx.json(Map.of());
    }

    void getByAlias(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        ctx.json(Map.of("model_version", MlflowViews.version(versions().get(ModelRef.alias(req.required("name"),
                Names.requireAliasName(req.required("alias")))))));
    }

    void search(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        MlflowFilter filter = MlflowFilter.parse(req.optional("filter"));
        int max = req.optionalInt("max_results").orElse(DEFAULT_MODELS_PER_PAGE);
        if (max > MAX_MODELS_PER_PAGE) {
            throw new InvalidArgumentException("Invalid value for max_results: it must be at most "
                    + MAX_MODELS_PER_PAGE + ", got " + max);
        }
        int offset = req.optional("page_token").map(RegisteredModelEndpoints::offset).orElse(0);
        List<Row> rows = new ArrayList<>();
        for (ModelInfo m : versions().models()) {
            rows.add(new Row(m.name(), m.createdAt(), m.tags()));
        }
        for (PendingModels.Pending p : pending.all()) {
            rows.add(new Row(p.name(), p.createdAt(), p.tags()));
        }
        rows.removeIf(r -> !filter.test(Map.of("name", r.name()), r.tags()));
        rows.sort(order(req.list("order_by")));
        List<Object> page = new ArrayList<>();
        for (Row r : rows.subList(Math.min(offset, rows.size()), Math.min(offset + max, rows.size()))) {
            try {
                page.add(view(r.name()));
            } catch (ModelNotFoundException e) {
                // deleted since it was listed: a search is not a snapshot, as in MLflow
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registered_models", page);
        if (offset + max < rows.size()) {
            // Left out on the last page: the Java client compares the token to "" by reference.
            body.put("next_page_token", Integer.toString(offset + max));
        }
        ctx.json(body);
    }

    /** One model as a search sorts it, before its view (which reads its versions) is made. */
    private record Row(String name, Instant createdAt, Map<String, String> tags) {
    }

    private static Comparator<Row> order(List<String> orderBy) {
        Comparator<Row> byName = Comparator.comparing(Row::name);
        Optional<OrderBy> order = OrderBy.parse(orderBy);
        if (order.isEmpty()) {
            return byName;
        }
        Comparator<Row> c = switch (order.get().key()) {
            case "name" -> byName;
            // Both timestamps sort by creation: a model's last update is not tracked separately here.
            case "timestamp", "creation_timestamp", "last_updated_timestamp" ->
                    Comparator.comparing(Row::createdAt).thenComparing(byName);
            default -> throw order.get().unsupported("name, creation_timestamp or last_updated_timestamp");
        };
        return order.get().descending() ? c.reversed() : c;
    }

    private static int offset(String token) {
        try {
            int n = Integer.parseInt(token);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidArgumentException("Invalid page token '" + token + "'");
    }

    private Map<String, Object> view(String name) {
        Optional<ModelInfo> model = live(name);
        if (model.isPresent()) {
            return MlflowViews.model(model.get(), Stages.latest(versions().versions(name), List.of()));
        }
        return MlflowViews.pending(pending.get(name).orElseThrow(() -> PendingModels.missing(name)));
    }

    static Map<String, String> checkedTags(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((k, v) -> out.put(Names.requireTagKey(k), Names.requireTagValue(v)));
        return out;
    }
}
