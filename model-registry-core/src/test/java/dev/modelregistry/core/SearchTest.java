package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.MetricFilter;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.Page;
import dev.modelregistry.api.version.SearchQuery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    @TempDir
    Path dir;
    ModelRegistry registry;

    @BeforeEach
    void open() {
        // A fixed clock: every version has the same creation time, so order rests on the tie-break.
        registry = ModelRegistry.builder(dir).clock(Clock.fixed(T0, ZoneOffset.UTC)).open();
        for (String model : List.of("spx-daily", "spx-weekly", "dax-daily")) {
            for (int i = 1; i <= 5; i++) {
                registry.versions().register(model, (model + i).getBytes(), ModelMetadata.builder("bytes")
                        .modelType(i % 2 == 0 ? "xgboost" : "linear").metric("rmse", i / 10.0).build());
            }
        }
        registry.versions().setVersionTag(ModelRef.parse("spx-daily/2"), "stage", "prod");
        registry.versions().setVersionTag(ModelRef.parse("dax-daily/4"), "stage", "prod");
        registry.versions().deleteVersion("spx-weekly", 5);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    List<String> refs(Page<ModelVersion> page) {
        return page.items().stream().map(v -> v.ref().toString()).toList();
    }

    @Test
    void filters_by_name_pattern_tag_metric_and_type() {
        assertThat(refs(registry.versions().search(SearchQuery.builder().namePattern("spx-*")
                .order(SearchQuery.Order.NAME_THEN_VERSION).build())))
                .containsExactly("spx-daily/1", "spx-daily/2", "spx-daily/3", "spx-daily/4", "spx-daily/5",
                        "spx-weekly/1", "spx-weekly/2", "spx-weekly/3", "spx-weekly/4");
        assertThat(refs(registry.versions().search(SearchQuery.builder().tag("stage", "prod")
                .order(SearchQuery.Order.NAME_THEN_VERSION).build())))
                .containsExactly("dax-daily/4", "spx-daily/2");
        assertThat(refs(registry.versions().search(SearchQuery.builder().namePattern("*-daily")
                .metric("rmse", MetricFilter.Comparison.AT_MOST, 0.2).modelType("xgboost")
                .order(SearchQuery.Order.NAME_THEN_VERSION).build())))
                .containsExactly("dax-daily/2", "spx-daily/2");
        assertThat(registry.versions().search(SearchQuery.builder().namePattern("spx-weekly").includeDeleted(true)
                .build()).items()).hasSize(5);
    }

    @Test
    void filters_by_creation_time() {
        assertThat(registry.versions().search(SearchQuery.builder().createdFrom(T0).build()).items()).hasSize(14);
        assertThat(registry.versions().search(SearchQuery.builder().createdBefore(T0).build()).items()).isEmpty();
    }

    @Test
    void pages_cover_every_result_once_in_a_deterministic_order_even_when_versions_are_added_meanwhile() {
        for (SearchQuery.Order order : SearchQuery.Order.values()) {
            SearchQuery query = SearchQuery.builder().order(order).pageSize(4).build();
            List<String> all = refs(registry.versions().search(SearchQuery.builder().order(order).build()));
            List<String> paged = new ArrayList<>();
            Optional<String> token = Optional.empty();
            int pages = 0;
            do {
                Page<ModelVersion> page = registry.versions().search(token.map(query::continueAt).orElse(query));
                paged.addAll(refs(page));
                token = page.nextPageToken();
                if (pages++ == 0 && order == SearchQuery.Order.OLDEST_FIRST) {
                    // Rows added after the first page come at the end; none is skipped or repeated.
                    registry.versions().register("zzz-new", new byte[] {42}, ModelMetadata.of("bytes"));
                }
            } while (token.isPresent());
            if (order == SearchQuery.Order.OLDEST_FIRST) {
                assertThat(paged).hasSize(all.size() + 1).endsWith("zzz-new/1").startsWith(all.get(0));
                assertThat(paged.subList(0, all.size())).isEqualTo(all);
            } else {
                assertThat(paged).as(order.name()).isEqualTo(all);
            }
        }
    }

    @Test
    void a_token_from_another_query_or_garbage_is_refused() {
        String token = registry.versions().search(SearchQuery.builder().pageSize(2).build()).nextPageToken()
                .orElseThrow();
        assertThatThrownBy(() -> registry.versions().search(SearchQuery.builder().namePattern("spx*").pageSize(2)
                .build().continueAt(token))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("different query");
        assertThatThrownBy(() -> registry.versions().search(SearchQuery.builder().build().continueAt("garbage!")))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
