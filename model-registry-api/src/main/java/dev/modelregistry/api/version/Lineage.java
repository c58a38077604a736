package dev.modelregistry.api.version;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a model came from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param parents references of the versions this one derives from (fine-tuned, retrained...), as {@code name/N}
 * @param datasets names or URIs of the datasets used
 * @param source the code that produced it (a commit, a notebook path), if known
 */
public record Lineage(List<String> parents, List<String> datasets, Optional<String> source) {
    /**
     * Validates the fields.
     *
     * @param parents the parent references
     * @param datasets the datasets
     * @param source the source
     */
    public Lineage {
        parents = List.copyOf(parents);
        datasets = List.copyOf(datasets);
        Objects.requireNonNull(source, "source");
    }

    /**
     * No lineage recorded.
     *
     * @return the empty lineage
     */
    public static Lineage none() {
        return new Lineage(List.of(), List.of(), Optional.empty());
    }
}
