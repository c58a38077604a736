package dev.modelregistry.server.mlflow;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.version.ModelVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * MLflow's deprecated stages, read from this registry's aliases: a version that the alias {@code production}
 * points to is in stage {@code Production}, {@code staging} gives {@code Staging}, any other version is in
 * {@code None}. Aliases are unique per model, so each of those stages holds at most one version, which is how
 * MLflow's {@code archive_existing_versions=true} behaves. {@code Archived} is accepted and never holds a
 * version.
 *
 * <p>Thread-safe: stateless.
 */
final class Stages {
    static final String NONE = "None";
    static final String STAGING = "Staging";
    static final String PRODUCTION = "Production";
    static final String ARCHIVED = "Archived";
    private static final List<String> ALL = List.of(NONE, STAGING, PRODUCTION, ARCHIVED);

    private Stages() {
    }

    static String of(ModelVersion v) {
        if (v.aliases().contains("production")) {
            return PRODUCTION;
        }
        if (v.aliases().contains("staging")) {
            return STAGING;
        }
        return NONE;
    }

    /** The stage's canonical spelling; MLflow compares stages case-insensitively. */
    static String parse(String stage) {
        for (String s : ALL) {
            if (s.equalsIgnoreCase(stage.trim())) {
                return s;
            }
        }
        throw new InvalidArgumentException("Invalid Model Version stage: " + stage
                + ". Value must be one of None, Staging, Production, Archived.");
    }

    /** The alias that carries a stage, if the stage is one an alias can carry. */
    static Optional<String> alias(String stage) {
        return stage.equals(PRODUCTION) || stage.equals(STAGING)
                ? Optional.of(stage.toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    /**
     * MLflow's get-latest-versions: the newest version in each requested stage (every stage when none is
     * requested).
     */
    static List<ModelVersion> latest(Collection<ModelVersion> versions, Collection<String> requested) {
        Set<String> wanted = new LinkedHashSet<>();
        requested.forEach(s -> wanted.add(parse(s)));
        Map<String, ModelVersion> newest = new TreeMap<>();
        for (ModelVersion v : versions) {
            String stage = of(v);
            if (wanted.isEmpty() || wanted.contains(stage)) {
                newest.merge(stage, v, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        List<ModelVersion> out = new ArrayList<>(newest.values());
        out.sort((a, b) -> Integer.compare(a.version(), b.version()));
        return out;
    }
}
