package dev.modelregistry.api.version;

import java.util.Objects;
import java.util.Optional;

/**
 * A text value that differs between two versions (a hyper-parameter, a tag, a field).
 *
 * <p>Immutable and thread-safe.
 *
 * @param before the value in the first version, or empty if it had none
 * @param after the value in the second version, or empty if it has none
 */
public record ValueChange(Optional<String> before, Optional<String> after) {
    /**
     * Validates the fields.
     *
     * @param before the first value
     * @param after the second value
     */
    public ValueChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
