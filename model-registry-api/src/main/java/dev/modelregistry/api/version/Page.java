package dev.modelregistry.api.version;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of results.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the results on this page, in order
 * @param nextPageToken pass it to the next query to continue, or empty on the last page; tokens stay
 *                      valid while data changes (keyset pagination: no row is skipped or repeated
 *                      because rows were added before it)
 * @param <T> the result type
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {
    /**
     * Copies the items.
     *
     * @param items the results
     * @param nextPageToken the continuation token
     */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextPageToken, "nextPageToken");
    }
}
