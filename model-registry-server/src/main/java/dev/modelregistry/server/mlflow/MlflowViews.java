package dev.modelregistry.server.mlflow;

import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This registry's models and versions in MLflow's JSON shapes ({@code RegisteredModel}, {@code ModelVersion}
 * of {@code model_registry.proto}), and the reserved keys under which MLflow fields without a counterpart here
 * are kept. Only fields MLflow defines are written: a version number is a string, tags are a list of
 * {@code {key, value}}, {@code status} is always {@code READY} (a version exists here only once its artifact is
 * stored), and empty optional fields are left out as proto3 JSON does.
 *
 * <p>Thread-safe: stateless.
 */
final class MlflowViews {
    /** A model's or version's MLflow description, kept as a tag (a model has no description field here). */
    static final String DESCRIPTION_TAG = "mlflow.description";
    /** The version property holding the {@code source} a version was created from. */
    static final String SOURCE_PROPERTY = "mlflow.source";
    /** The version property holding the MLflow run id. */
    static final String RUN_ID_PROPERTY = "mlflow.run_id";
    /** The version property holding the MLflow run link. */
    static final String RUN_LINK_PROPERTY = "mlflow.run_link";

    private MlflowViews() {
    }

    static Map<String, Object> version(ModelVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.model());
        m.put("version", Integer.toString(v.version()));
        m.put("creation_timestamp", v.createdAt().toEpochMilli());
        m.put("last_updated_timestamp", v.createdAt().toEpochMilli());
        m.put("user_id", v.createdBy());
        m.put("current_stage", Stages.of(v));
        String description = v.tags().getOrDefault(DESCRIPTION_TAG, v.metadata().description());
        if (!description.isEmpty()) {
            m.put("description", description);
        }
        m.put("source", v.metadata().properties().getOrDefault(SOURCE_PROPERTY, v.artifact().digest().toString()));
        Optional.ofNullable(v.metadata().properties().get(RUN_ID_PROPERTY)).ifPresent(r -> m.put("run_id", r));
        m.put("status", "READY");
        m.put("tags", tags(v.tags()));
        Optional.ofNullable(v.metadata().properties().get(RUN_LINK_PROPERTY)).ifPresent(r -> m.put("run_link", r));
        m.put("aliases", v.aliases());
        return m;
    }

    static Map<String, Object> model(ModelInfo info, List<ModelVersion> latest) {
        Instant updated = info.createdAt();
        for (ModelVersion v : latest) {
            updated = v.createdAt().isAfter(updated) ? v.createdAt() : updated;
        }
        Map<String, Object> m = base(info.name(), info.createdAt(), updated, info.tags());
        m.put("latest_versions", latest.stream().map(MlflowViews::version).toList());
        List<Map<String, String>> aliases = new ArrayList<>();
        info.aliases().forEach((alias, version) -> aliases.add(Map.of("alias", alias, "version",
                Integer.toString(version))));
        m.put("aliases", aliases);
        return m;
    }

    static Map<String, Object> pending(PendingModels.Pending p) {
        Map<String, Object> m = base(p.name(), p.createdAt(), p.createdAt(), p.tags());
        m.put("latest_versions", List.of());
        m.put("aliases", List.of());
        return m;
    }

    private static Map<String, Object> base(String name, Instant created, Instant updated, Map<String, String> tags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("creation_timestamp", created.toEpochMilli());
        m.put("last_updated_timestamp", updated.toEpochMilli());
        String description = tags.getOrDefault(DESCRIPTION_TAG, "");
        if (!description.isEmpty()) {
            m.put("description", description);
        }
        m.put("tags", tags(tags));
        return m;
    }

    /** MLflow's tag list, without the reserved description tag, which MLflow shows as a field instead. */
    private static List<Map<String, String>> tags(Map<String, String> tags) {
        List<Map<String, String>> out = new ArrayList<>();
        tags.forEach((k, v) -> {
            if (!k.equals(DESCRIPTION_TAG)) {
                Map<String, String> tag = new LinkedHashMap<>();
                tag.put("key", k);
                tag.put("value", v);
                out.add(tag);
            }
        });
        return out;
    }
}
