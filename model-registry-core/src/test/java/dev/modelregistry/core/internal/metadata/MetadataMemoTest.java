package dev.modelregistry.core.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.internal.Json;
import org.junit.jupiter.api.Test;

/** Metadata read back is parsed once per JSON text, and always equals what a fresh parse gives. */
class MetadataMemoTest {
    private static String doc(int i) {
        return Json.write(ModelMetadata.builder("bytes").modelType("type-" + i).description("document " + i)
                .metric("rmse", i / 7.0).property("team", "t" + i).build());
    }

    @Test
    void the_same_text_read_twice_is_parsed_once() {
        String json = doc(1);
        ModelMetadata first = MetadataMemo.parse(json);
        assertThat(MetadataMemo.parse(new String(json.toCharArray()))).isSameAs(first);
        assertThat(first).isEqualTo(Json.read(json, ModelMetadata.class));
    }

    @Test
    void changed_text_gives_the_changed_metadata() {
        ModelMetadata before = MetadataMemo.parse(doc(2));
        ModelMetadata changed = before.withMetrics(java.util.Map.of("auc", 0.9));
        assertThat(MetadataMemo.parse(Json.write(changed))).isEqualTo(changed).isNotEqualTo(before);
    }

    @Test
    void more_documents_than_slots_each_parse_to_their_own_metadata() {
        int n = MetadataMemo.SLOTS * 3;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < n; i++) {
                String json = doc(i);
                assertThat(MetadataMemo.parse(json)).isEqualTo(Json.read(json, ModelMetadata.class));
            }
        }
    }
}
