package dev.modelregistry.cli;

import dev.modelregistry.api.version.ModelVersion;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Text cells shared by the human tables. Stateless. */
final class Rows {
    static final List<String> VERSION_HEADER =
            List.of("MODEL", "VERSION", "STATE", "ALIASES", "FORMAT", "SIZE", "CREATED", "DIGEST");

    private Rows() {
    }

    static List<String> version(ModelVersion v) {
        return List.of(v.model(), Integer.toString(v.version()), v.state().name(), String.join(",", v.aliases()),
                v.metadata().formatId(), Long.toString(v.artifact().size()), v.createdAt().toString(),
                v.artifact().digest().hex().substring(0, 12));
    }

    static String pairs(Map<String, ?> map) {
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
