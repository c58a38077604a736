package dev.modelregistry.api.version;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.Names;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What is known about a model version when it is registered: its format, type, training provenance,
 * metrics, feature schema and lineage. Stored as a JSON document beside the version; readers ignore
 * fields they do not know, so documents written by newer versions of this library still load.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder(String)}.
 *
 * @param formatId the id of the artifact's format, which selects the codec that loads it
 * @param modelType what kind of model it is, e.g. {@code xgboost-regressor}; searchable
 * @param description free text, may be empty
 * @param training how it was trained, if it was trained through this library
 * @param metrics named metric values (finite numbers); searchable by threshold
 * @param features the inputs it expects
 * @param lineage where it came from
 * @param properties any other facts, as text
 */
public record ModelMetadata(
        String formatId,
        String modelType,
        String description,
        Optional<TrainingInfo> training,
        Map<String, Double> metrics,
        FeatureSchema features,
        Lineage lineage,
        Map<String, String> properties) {

    /**
     * Validates the fields; maps are kept sorted by key so documents serialise the same way every time.
     *
     * @param formatId the format id
     * @param modelType the model type
     * @param description the description
     * @param training the training info
     * @param metrics the metrics
     * @param features the feature schema
     * @param lineage the lineage
     * @param properties other facts
     */
    public ModelMetadata {
        Names.requireIdentifier("format id", formatId);
        Names.requireIdentifier("model type", modelType);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(lineage, "lineage");
        TreeMap<String, Double> m = new TreeMap<>();
        metrics.forEach((k, v) -> {
            Names.requireMetricName(k);
            if (v == null || !Double.isFinite(v)) {
                throw new InvalidArgumentException("metric '" + k + "' must be a finite number, got " + v);
            }
            m.put(k, v);
        });
        metrics = Collections.unmodifiableMap(m);
        TreeMap<String, String> p = new TreeMap<>();
        properties.forEach((k, v) -> p.put(Names.requireTagKey(k), Names.requireTagValue(v)));
        properties = Collections.unmodifiableMap(p);
    }

    /**
     * Starts a builder.
     *
     * @param formatId the id of the artifact's format
     * @return a builder with empty metrics, features, lineage and properties
     */
    public static Builder builder(String formatId) {
        return new Builder(formatId);
    }

    /**
     * Metadata with only a format id; the model type is the format id.
     *
     * @param formatId the id of the artifact's format
     * @return the metadata
     */
    public static ModelMetadata of(String formatId) {
        return builder(formatId).build();
    }

    /**
     * A copy with more metrics (replacing those with the same name).
     *
     * @param more the metrics to add
     * @return the new metadata
     */
    public ModelMetadata withMetrics(Map<String, Double> more) {
        Map<String, Double> all = new TreeMap<>(metrics);
        all.putAll(more);
        return new ModelMetadata(formatId, modelType, description, training, all, features, lineage, properties);
    }

    /**
     * Builds {@link ModelMetadata}. Not thread-safe.
     */
    public static final class Builder {
        private final String formatId;
        private String modelType;
        private String description = "";
        private Optional<TrainingInfo> training = Optional.empty();
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private FeatureSchema features = FeatureSchema.empty();
        private Lineage lineage = Lineage.none();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String formatId) {
            this.formatId = formatId;
            this.modelType = formatId;
        }

        /**
         * Sets the model type.
         *
         * @param type e.g. {@code xgboost-regressor}
         * @return this builder
         */
        public Builder modelType(String type) {
            this.modelType = type;
            return this;
        }

        /**
         * Sets the description.
         *
         * @param text free text
         * @return this builder
         */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /**
         * Sets the training info.
         *
         * @param info how the model was trained
         * @return this builder
         */
        public Builder training(TrainingInfo info) {
            this.training = Optional.of(info);
            return this;
        }

        /**
         * Adds a metric.
         *
         * @param name the metric name
         * @param value a finite value
         * @return this builder
         */
        public Builder metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        /**
         * Adds metrics.
         *
         * @param values metric name to finite value
         * @return this builder
         */
        public Builder metrics(Map<String, Double> values) {
            metrics.putAll(values);
            return this;
        }

        /**
         * Sets the feature schema.
         *
         * @param schema the inputs
         * @return this builder
         */
        public Builder features(FeatureSchema schema) {
            this.features = schema;
            return this;
        }

        /**
         * Sets the lineage.
         *
         * @param value where the model came from
         * @return this builder
         */
        public Builder lineage(Lineage value) {
            this.lineage = value;
            return this;
        }

        /**
         * Adds a property.
         *
         * @param key the key (tag-key rules)
         * @param value the value (tag-value rules)
         * @return this builder
         */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /**
         * Builds the metadata, validating every field.
         *
         * @return the metadata
         */
        public ModelMetadata build() {
            return new ModelMetadata(formatId, modelType, description, training, metrics, features, lineage,
                    properties);
        }
    }
}
