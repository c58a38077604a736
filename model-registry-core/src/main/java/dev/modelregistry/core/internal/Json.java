package dev.modelregistry.core.internal;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.StorageException;

/**
 * The one Jackson configuration for every JSON document the registry stores: version metadata,
 * archive manifests, model-bundle manifests, deployment specs and evaluation reports. Internal: not
 * part of the supported API, and free to change.
 *
 * <p>The one Jackson configuration for stored documents. Readers ignore unknown fields (documents from
 * newer versions still load) and read a missing collection as empty; maps are written sorted so the
 * same document always serialises to the same bytes. Thread-safe.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // A document from an older writer may lack a collection: read it as empty, not null.
            .withConfigOverride(java.util.List.class,
                    o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .withConfigOverride(java.util.Map.class,
                    o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .build();

    private Json() {
    }

    /**
     * A writer with this configuration (immutable, thread-safe).
     *
     * @return the writer
     */
    public static ObjectWriter writer() {
        return MAPPER.writer();
    }

    /**
     * A reader with this configuration (immutable, thread-safe).
     *
     * @return the reader
     */
    public static ObjectReader reader() {
        return MAPPER.reader();
    }

    /**
     * A reader for one type with this configuration.
     *
     * @param type the type to read
     * @return the reader
     */
    public static ObjectReader readerFor(Class<?> type) {
        return MAPPER.readerFor(type);
    }

    /**
     * Writes a value as JSON.
     *
     * @param value the value
     * @return the JSON text
     * @throws InvalidArgumentException if the value cannot be written
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("cannot serialise " + value.getClass().getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a stored document.
     *
     * @param json the JSON text
     * @param type the type to read
     * @param <T> the type
     * @return the value
     * @throws StorageException if the stored document is not readable
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StorageException("stored " + type.getSimpleName() + " document is not readable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
