package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.internal.Json;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Version metadata read back from the database, kept parsed by its exact JSON text. A search page or a
 * resolution reads the same documents again and again; parsing one with Jackson and validating every
 * name in it again costs microseconds, while finding it here costs a hash and a comparison of the text.
 * The text is the key, so an entry can never be stale: a version whose metadata changes
 * ({@code putMetrics}) has new text, and {@link ModelMetadata} is immutable, so one instance serves
 * every reader.
 *
 * <p>A direct-mapped table of {@value #SLOTS} slots: a document whose slot holds another is parsed and
 * takes the slot. Bounded, no locks, no dependencies. Thread-safe: slots hold immutable entries,
 * published through an {@link AtomicReferenceArray}.
 */
final class MetadataMemo {
    /** A power of two; about 4,096 documents of a few hundred characters each, a few MiB at most. */
    static final int SLOTS = 4096;
    private static final AtomicReferenceArray<Entry> TABLE = new AtomicReferenceArray<>(SLOTS);

    private record Entry(String json, ModelMetadata metadata) {
    }

    private MetadataMemo() {
    }

    /**
     * The metadata this JSON text holds, parsed once per text while its slot keeps it.
     *
     * @param json a metadata document the registry wrote
     * @return the parsed, validated metadata
     */
    static ModelMetadata parse(String json) {
        int h = json.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = TABLE.get(slot);
        if (e != null && e.json.equals(json)) {
            return e.metadata;
        }
        ModelMetadata parsed = Json.read(json, ModelMetadata.class);
        TABLE.set(slot, new Entry(json, parsed));
        return parsed;
    }
}
