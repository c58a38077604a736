package dev.modelregistry.api.version;

import java.util.Objects;
import java.util.Optional;

/**
 * A metric compared between two versions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param before the value in the first version, or empty if it had none
 * @param after the value in the second version, or empty if it has none
 */
public record MetricDelta(Optional<Double> before, Optional<Double> after) {
    /**
     * Validates the fields.
     *
     * @param before the first value
     * @param after the second value
     */
    public MetricDelta {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /**
     * {@code after - before}, when both exist.
     *
     * @return the difference, or empty
     */
    public Optional<Double> delta() {
        return before.isPresent() && after.isPresent() ? Optional.of(after.get() - before.get()) : Optional.empty();
    }
}
