package dev.modelregistry.api.version;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.Names;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A search over versions. Every filter given must hold (AND). Results are ordered by {@link #order()}
 * with the version's internal id as the deterministic tie-break.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}.
 *
 * @param namePattern model names to match: {@code *} matches any run of characters, {@code ?} one
 * @param tags version tags that must be present with exactly these values
 * @param metrics metric thresholds
 * @param modelType the model type to match exactly
 * @param createdFrom only versions created at or after this instant
 * @param createdBefore only versions created before this instant
 * @param includeDeleted whether soft-deleted versions are included
 * @param order the order of results
 * @param pageSize results per page, 1 to 1,000
 * @param pageToken continue after a previous page
 */
public record SearchQuery(
        Optional<String> namePattern,
        Map<String, String> tags,
        List<MetricFilter> metrics,
        Optional<String> modelType,
        Optional<Instant> createdFrom,
        Optional<Instant> createdBefore,
        boolean includeDeleted,
        Order order,
        int pageSize,
        Optional<String> pageToken) {

    /** The largest page size. */
    public static final int MAX_PAGE_SIZE = 1_000;
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9._*?-]{1,255}");

    /**
     * Validates the query.
     *
     * @param namePattern the name pattern
     * @param tags the tags
     * @param metrics the metric thresholds
     * @param modelType the model type
     * @param createdFrom the lower time bound
     * @param createdBefore the upper time bound
     * @param includeDeleted whether to include deleted versions
     * @param order the order
     * @param pageSize the page size
     * @param pageToken the continuation token
     */
    public SearchQuery {
        namePattern.ifPresent(p -> {
            if (!NAME_PATTERN.matcher(p).matches()) {
                throw new InvalidArgumentException("name pattern '" + p
                        + "' may use only A-Z a-z 0-9 . _ - and the wildcards * and ?");
            }
        });
        TreeMap<String, String> t = new TreeMap<>();
        tags.forEach((k, v) -> t.put(Names.requireTagKey(k), Names.requireTagValue(v)));
        tags = Collections.unmodifiableMap(t);
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(createdFrom, "createdFrom");
        Objects.requireNonNull(createdBefore, "createdBefore");
        Objects.requireNonNull(order, "order");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidArgumentException("page size must be 1.." + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        Objects.requireNonNull(pageToken, "pageToken");
    }

    /**
     * Starts a builder: no filters, newest first, 100 per page.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same query, continuing at a page token.
     *
     * @param token a token from {@link Page#nextPageToken()}
     * @return the query for the next page
     */
    public SearchQuery continueAt(String token) {
        Objects.requireNonNull(token, "token");
        return new SearchQuery(namePattern, tags, metrics, modelType, createdFrom, createdBefore, includeDeleted,
                order, pageSize, Optional.of(token));
    }

    /** The order of search results. */
    public enum Order {
        /** Newest first (creation time descending, then id descending). */
        NEWEST_FIRST,
        /** Oldest first (creation time ascending, then id ascending). */
        OLDEST_FIRST,
        /** By model name, then version number, ascending. */
        NAME_THEN_VERSION
    }

    /** Builds a {@link SearchQuery}. Not thread-safe. */
    public static final class Builder {
        private Optional<String> namePattern = Optional.empty();
        private final Map<String, String> tags = new TreeMap<>();
        private final List<MetricFilter> metrics = new ArrayList<>();
        private Optional<String> modelType = Optional.empty();
        private Optional<Instant> createdFrom = Optional.empty();
        private Optional<Instant> createdBefore = Optional.empty();
        private boolean includeDeleted;
        private Order order = Order.NEWEST_FIRST;
        private int pageSize = 100;

        private Builder() {
        }

        /**
         * Matches model names against a pattern with {@code *} and {@code ?}.
         *
         * @param pattern the pattern
         * @return this builder
         */
        public Builder namePattern(String pattern) {
            Objects.requireNonNull(pattern, "pattern");
            this.namePattern = Optional.of(pattern);
            return this;
        }

        /**
         * Requires a version tag.
         *
         * @param key the tag key
         * @param value the exact value
         * @return this builder
         */
        public Builder tag(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            tags.put(key, value);
            return this;
        }

        /**
         * Requires a metric threshold.
         *
         * @param metric the metric name
         * @param comparison how to compare
         * @param value the threshold
         * @return this builder
         */
        public Builder metric(String metric, MetricFilter.Comparison comparison, double value) {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(comparison, "comparison");
            metrics.add(new MetricFilter(metric, comparison, value));
            return this;
        }

        /**
         * Requires a model type.
         *
         * @param type the model type
         * @return this builder
         */
        public Builder modelType(String type) {
            Objects.requireNonNull(type, "type");
            this.modelType = Optional.of(type);
            return this;
        }

        /**
         * Requires creation at or after an instant.
         *
         * @param from the lower bound, inclusive
         * @return this builder
         */
        public Builder createdFrom(Instant from) {
            Objects.requireNonNull(from, "from");
            this.createdFrom = Optional.of(from);
            return this;
        }

        /**
         * Requires creation before an instant.
         *
         * @param before the upper bound, exclusive
         * @return this builder
         */
        public Builder createdBefore(Instant before) {
            Objects.requireNonNull(before, "before");
            this.createdBefore = Optional.of(before);
            return this;
        }

        /**
         * Includes soft-deleted versions.
         *
         * @param include whether to include them
         * @return this builder
         */
        public Builder includeDeleted(boolean include) {
            this.includeDeleted = include;
            return this;
        }

        /**
         * Sets the order.
         *
         * @param value the order
         * @return this builder
         */
        public Builder order(Order value) {
            Objects.requireNonNull(value, "value");
            this.order = value;
            return this;
        }

        /**
         * Sets the page size.
         *
         * @param size 1 to 1,000
         * @return this builder
         */
        public Builder pageSize(int size) {
            this.pageSize = size;
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the validated query
         */
        public SearchQuery build() {
            return new SearchQuery(namePattern, tags, metrics, modelType, createdFrom, createdBefore, includeDeleted,
                    order, pageSize, Optional.empty());
        }
    }
}
