package dev.modelregistry.server.internal;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shapes of the API's main resources, written out field by field so that a change to a library
 * record does not silently change the wire format. Other values (deployments, metrics, alerts) are the
 * library's records as Jackson writes them.
 */
final class Views {
    private Views() {
    }

    static Map<String, Object> version(ModelVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", v.model());
        m.put("version", v.version());
        m.put("state", v.state().name());
        m.put("sha256", v.artifact().digest().hex());
        m.put("size", v.artifact().size());
        m.put("metadata", v.metadata());
        m.put("tags", v.tags());
        m.put("aliases", v.aliases());
        m.put("deployment", v.deployment());
        m.put("createdAt", v.createdAt().toString());
        m.put("createdBy", v.createdBy());
        v.deletedAt().ifPresent(at -> m.put("deletedAt", at.toString()));
        return m;
    }

    static Map<String, Object> model(ModelInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", i.name());
        m.put("createdAt", i.createdAt().toString());
        m.put("tags", i.tags());
        m.put("aliases", i.aliases());
        i.latestVersion().ifPresent(v -> m.put("latestVersion", v));
        m.put("liveVersions", i.liveVersions());
        return m;
    }

    static Map<String, Object> ref(ModelRef.Numbered r) {
        return Map.of("model", r.model(), "version", r.version());
    }
}
