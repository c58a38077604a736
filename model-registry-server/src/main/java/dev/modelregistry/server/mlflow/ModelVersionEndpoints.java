package dev.modelregistry.server.mlflow;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.Page;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.server.ServerContext;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLflow's {@code model-versions/*} calls. Version numbers come from the registry and are never reused, even
 * after a delete (MLflow's SQL store reuses none either, but its file store may).
 *
 * <p>Thread-safe: the registry and the pending models are.
 */
final class ModelVersionEndpoints {
    /** A create-time tag that selects the registry format id of the new version; not stored as a tag. */
    static final String FORMAT_TAG = "model_registry.format";
    /** The format id of versions registered through MLflow without {@value #FORMAT_TAG}. */
    static final String DEFAULT_FORMAT = "mlflow";
    private static final Logger LOG = LoggerFactory.getLogger(ModelVersionEndpoints.class);
    private static final Pattern PUSHABLE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    private final ServerContext server;
    private final PendingModels pending;
    private final VersionSources sources;

    ModelVersionEndpoints(ServerContext server, PendingModels pending, VersionSources sources) {
        this.server = server;
        this.pending = pending;
        this.sources = sources;
    }

    private VersionManager versions() {
        return server.registry().versions();
    }

    /**
     * Registers the source's bytes as the model's next version. Everything that can be refused is checked
     * before the registration commits; the tags that follow are separate writes and, should one fail, are
     * logged rather than answered with an error: MLflow's Java client retries errors, and a retry would
     * register a second version.
     */
    void create(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        String name = Names.requireModelName(req.required("name"));
        String source = Names.requireTagValue(req.required("source"));
        Map<String, String> tags = RegisteredModelEndpoints.checkedTags(req.tags());
        Optional<String> format = Optional.ofNullable(tags.remove(FORMAT_TAG));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MlflowViews.SOURCE_PROPERTY, source);
        req.optional("run_id").ifPresent(r -> properties.put(MlflowViews.RUN_ID_PROPERTY, Names.requireTagValue(r)));
        req.optional("run_link").ifPresent(r -> properties.put(MlflowViews.RUN_LINK_PROPERTY,
                Names.requireTagValue(r)));
        String description = Names.requireTagValue(req.optional("description").orElse(""));

        ModelVersion v;
        VersionSources.Source opened = sources.open(server.registry(), source, ctx.host());
        try (InputStream content = opened.content()) {
            String formatId = format.orElse(opened.metadata().map(ModelMetadata::formatId).orElse(DEFAULT_FORMAT));
            ModelMetadata.Builder metadata = ModelMetadata.builder(formatId).description(description);
            opened.metadata().filter(m -> m.formatId().equals(formatId))
                    .ifPresent(m -> metadata.modelType(m.modelType()).features(m.features()));
            properties.forEach(metadata::property);
            v = versions().register(name, content, metadata.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            try {
                v = versions().setVersionTag(v.ref(), tag.getKey(), tag.getValue());
            } catch (RuntimeException e) {
                notKept(v.ref() + " tag " + tag.getKey(), e);
            }
        }
        pending.remove(name).ifPresent(p -> p.tags().forEach((k, value) -> {
            try {
                versions().setModelTag(name, k, value);
            } catch (RuntimeException e) {
                notKept(name + " tag " + k, e);
            }
        }));
        ctx.json(Map.of("model_version", MlflowViews.version(v)));
    }

    /** A write after the version committed failed: logged, never answered (see {@link #create}). */
    private static void notKept(String what, RuntimeException e) {
        LOG.warn("{} was not kept after registering through MLflow: {}", what, e.toString());
    }

    void get(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        ctx.json(Map.of("model_version", MlflowViews.version(versions().get(ref(req)))));
    }

    void update(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        ModelRef ref = ref(req);
        // As in MLflow, whose handler stores the request's description as it is: absent or empty clears it
        // (an empty tag hides the description the version was registered with).
        ModelVersion v = versions().setVersionTag(ref, MlflowViews.DESCRIPTION_TAG,
                Names.requireTagValue(req.optional("description").orElse("")));
        ctx.json(Map.of("model_version", MlflowViews.version(v)));
    }

    void delete(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        versions().deleteVersion(req.required("name"), req.version());
        ctx.json(Map.of());
    }

    void setTag(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        versions().setVersionTag(ref(req), Names.requireTagKey(req.required("key")),
                Names.requireTagValue(req.optional("value").orElse("")));
        ctx.json(Map.of());
    }

    void deleteTag(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        versions().removeVersionTag(ref(req), Names.requireTagKey(req.required("key")));
        ctx.json(Map.of());
    }

    /** MLflow's stage transition, kept as the aliases {@code production} and {@code staging}. */
    void transitionStage(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        String name = req.required("name");
        int version = req.version();
        String stage = Stages.parse(req.required("stage"));
        ModelVersion v = versions().get(ModelRef.version(name, version));
        Optional<String> target = Stages.alias(stage);
        if (target.isPresent()) {
            v = versions().setAlias(name, target.get(), version);
        } else {
            for (String alias : List.of("production", "staging")) {
                if (v.aliases().contains(alias)) {
                    versions().removeAlias(name, alias);
                }
            }
            v = versions().get(ModelRef.version(name, version));
        }
        ctx.json(Map.of("model_version", MlflowViews.version(v)));
    }

    void downloadUri(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        ModelVersion v = versions().get(ref(req));
        String uri = ctx.scheme() + "://" + ctx.host() + "/api/v1/models/"
                + URLEncoder.encode(v.model(), StandardCharsets.UTF_8) + "/versions/" + v.version() + "/artifact";
        ctx.json(Map.of("artifact_uri", uri));
    }

    /**
     * MLflow's search: the filter's name and tag equalities narrow the registry's query, the rest of the filter
     * is applied to each page (so a page may hold fewer than {@code max_results}; MLflow allows that).
     */
    void search(Context ctx) {
        MlflowRequest req = MlflowRequest.of(ctx, server);
        MlflowFilter filter = MlflowFilter.parse(req.optional("filter"));
        int max = Math.min(req.optionalInt("max_results").orElse(SearchQuery.MAX_PAGE_SIZE),
                SearchQuery.MAX_PAGE_SIZE);
        SearchQuery.Builder query = SearchQuery.builder().pageSize(max).order(order(req.list("order_by")));
        Optional<String> exactName = filter.equality("name");
        if (exactName.isPresent() && !PUSHABLE_NAME.matcher(exactName.get()).matches()) {
            ctx.json(Map.of("model_versions", List.of()));
            return;
        }
        exactName.ifPresent(query::namePattern);
        for (MlflowFilter.Clause c : filter.clauses()) {
            if (c.key().startsWith("tags.") && c.op().equals("=")) {
                query.tag(Names.requireTagKey(c.key().substring(5)), c.value());
            }
        }
        SearchQuery q = query.build();
        Page<ModelVersion> page = versions().search(req.optional("page_token").map(q::continueAt).orElse(q));
        List<Map<String, Object>> items = page.items().stream().filter(v -> filter.test(attributes(v), v.tags()))
                .map(MlflowViews::version).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model_versions", items);
        // Left out on the last page: the Java client compares the token to "" by reference.
        page.nextPageToken().ifPresent(t -> body.put("next_page_token", t));
        ctx.json(body);
    }

    private static Map<String, String> attributes(ModelVersion v) {
        Map<String, String> a = new HashMap<>();
        a.put("name", v.model());
        Optional.ofNullable(v.metadata().properties().get(MlflowViews.RUN_ID_PROPERTY)).ifPresent(r -> a.put("run_id",
                r));
        a.put("source_path", v.metadata().properties().getOrDefault(MlflowViews.SOURCE_PROPERTY, ""));
        return a;
    }

    private static SearchQuery.Order order(List<String> orderBy) {
        Optional<OrderBy> order = OrderBy.parse(orderBy);
        if (order.isEmpty()) {
            return SearchQuery.Order.NEWEST_FIRST;
        }
        boolean desc = order.get().descending();
        return switch (order.get().key()) {
            case "name" -> {
                if (desc) {
                    throw new InvalidArgumentException("order_by 'name DESC' is not supported; use 'name ASC'");
                }
                yield SearchQuery.Order.NAME_THEN_VERSION;
            }
            case "version_number", "creation_timestamp", "last_updated_timestamp", "timestamp" ->
                    desc ? SearchQuery.Order.NEWEST_FIRST : SearchQuery.Order.OLDEST_FIRST;
            default -> throw order.get().unsupported(
                    "name, version_number, creation_timestamp or last_updated_timestamp");
        };
    }

    private static ModelRef ref(MlflowRequest req) {
        return ModelRef.version(req.required("name"), req.version());
    }
}
