package dev.modelregistry.core;

import dev.modelregistry.core.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.MetricFilter;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.Page;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.SearchQuery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.internal.metadata.Dialect;
import dev.modelregistry.core.internal.metadata.SearchSql;

/**
 * With 100,000 versions in the database, the statements that search and registration run are served
 * by indexes: no full table scan appears in SQLite's query plan. Checked on plans, not timings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTest {
    private static final int MODELS = 1000;
    private static final int VERSIONS_PER_MODEL = 100;
    /** "SCAN v" or "SCAN version" without "USING ... INDEX": a full table scan. */
    private static final Pattern FULL_SCAN = Pattern.compile("^SCAN (\\w+)(?! USING)( |$)");

    @TempDir
    static Path dir;
    ModelRegistry registry;

    @BeforeAll
    void fill() {
        registry = ModelRegistry.open(dir);
        String metadata = Json.write(ModelMetadata.of("bytes"));
        String digest = "0".repeat(64);
        // Rows written straight into the schema: registering 20,000 artifacts would only test the disk.
        registry.database().write(tx -> {
            long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
            for (int m = 0; m < MODELS; m++) {
                long modelId = tx.insert("INSERT INTO model (name, created_at, next_version) VALUES (?, ?, ?)",
                        "model-" + m, t0, VERSIONS_PER_MODEL + 1);
                for (int n = 1; n <= VERSIONS_PER_MODEL; n++) {
                    long id = tx.insert("INSERT INTO version (model_id, number, state, digest, size, format_id,"
                                    + " model_type, metadata, created_at, created_by) VALUES (?, ?, 'LIVE', ?, 0, 'bytes',"
                                    + " ?, ?, ?, 'bulk')", modelId, n, digest, "type-" + (n % 5), metadata,
                            t0 + (long) m * VERSIONS_PER_MODEL + n);
                    tx.update("INSERT INTO version_metric (version_id, name, value) VALUES (?, 'rmse', ?)", id,
                            (n % 97) / 100.0);
                    tx.update("INSERT INTO version_tag (version_id, key, value) VALUES (?, 'stage', ?)", id,
                            n % 10 == 0 ? "prod" : "dev");
                }
            }
            return null;
        });
        int count = registry.database().read(tx -> tx.queryOne("SELECT count(*) FROM version",
                rs -> rs.getInt(1)).orElseThrow());
        assertThat(count).isEqualTo(MODELS * VERSIONS_PER_MODEL);
        assertThat(count).isEqualTo(100_000);
    }

    @AfterAll
    void close() {
        registry.close();
    }

    @Test
    void registration_and_lookups_use_indexes() {
        List<String> statements = capture(() -> {
            ModelVersion v = registry.versions().register("model-7", new byte[] {1, 2}, ModelMetadata.builder("bytes")
                    .metric("rmse", 0.1).build());
            registry.versions().get(ModelRef.parse("model-7"));
            registry.versions().get(v.ref());
            registry.versions().setAlias("model-7", "champion", v.version());
            registry.versions().get(ModelRef.parse("model-7@champion"));
            registry.versions().model("model-7");
        });
        assertIndexed(statements);
    }

    @Test
    void every_search_filter_and_order_uses_indexes() {
        List<SearchQuery> queries = List.of(
                SearchQuery.builder().build(),
                SearchQuery.builder().order(SearchQuery.Order.OLDEST_FIRST).build(),
                SearchQuery.builder().order(SearchQuery.Order.NAME_THEN_VERSION).build(),
                SearchQuery.builder().namePattern("model-1*").build(),
                SearchQuery.builder().tag("stage", "prod").build(),
                SearchQuery.builder().metric("rmse", MetricFilter.Comparison.LESS_THAN, 0.05).build(),
                SearchQuery.builder().modelType("type-3").build(),
                SearchQuery.builder().createdFrom(Instant.parse("2026-01-01T00:00:10Z"))
                        .createdBefore(Instant.parse("2026-01-01T00:00:20Z")).build());
        List<String> statements = capture(() -> {
            for (SearchQuery q : queries) {
                Page<ModelVersion> first = registry.versions().search(q);
                first.nextPageToken().ifPresent(t -> registry.versions().search(q.continueAt(t)));
            }
        });
        assertIndexed(statements);
    }

    @Test
    void the_default_newest_first_page_reads_the_index_in_order_without_sorting() {
        SearchSql sql = SearchSql.of(SearchQuery.builder().build(), Dialect.SQLITE);
        List<String> plan = plan(sql.sql());
        assertThat(plan).noneMatch(line -> line.contains("TEMP B-TREE"));
    }

    @Test
    void a_leading_wildcard_name_pattern_scans_models_and_reads_only_their_versions_by_index() {
        for (SearchQuery.Order order : SearchQuery.Order.values()) {
            List<String> plan = plan(SearchSql.of(SearchQuery.builder().namePattern("*-7").order(order).build(),
                    Dialect.SQLITE).sql());
            assertThat(plan).as("%s: %s", order, plan).anyMatch(line -> line.startsWith("SCAN m"))
                    .noneMatch(line -> line.startsWith("SCAN v"))
                    .anyMatch(line -> line.startsWith("SEARCH v USING"));
        }
    }

    @Test
    void under_a_name_pattern_in_time_order_only_the_page_s_rows_are_read_whole() {
        // The sort of the matching versions carries their ids, not their metadata; the page is then read by key.
        List<String> plan = plan(SearchSql.of(SearchQuery.builder().namePattern("model-1*").build(), Dialect.SQLITE).sql());
        assertThat(plan).as("%s", plan).contains("SEARCH v USING INTEGER PRIMARY KEY (rowid=?)")
                .anyMatch(line -> line.startsWith("LIST SUBQUERY"));
    }

    @Test
    void tag_and_metric_filters_probe_each_candidate_by_key_instead_of_building_lists() {
        SearchQuery prefixTagMetric = SearchQuery.builder().namePattern("model-1*").tag("stage", "prod")
                .metric("rmse", MetricFilter.Comparison.LESS_THAN, 0.5).build();
        for (SearchQuery q : List.of(prefixTagMetric, SearchQuery.builder().tag("stage", "prod").build(),
                SearchQuery.builder().metric("rmse", MetricFilter.Comparison.AT_LEAST, 0.9).build())) {
            List<String> plan = plan(SearchSql.of(q, Dialect.SQLITE).sql());
            // A list built from a filter reads the (key, value, version_id) lookup index without a version id;
            // the one list allowed, the page's ids under a name pattern, reads versions.
            assertThat(plan).as("%s", plan).noneMatch(line -> (line.contains("version_tag_lookup")
                    || line.contains("version_metric_lookup")) && !line.contains("version_id=?"))
                    // EXISTS runs as a probe keyed by the candidate's id ("SEARCH t EXISTS USING ... version_id=?)")
                    .anyMatch(line -> line.contains(" EXISTS USING ") && line.contains("version_id=?"))
                    .noneMatch(line -> FULL_SCAN.matcher(line).find());
        }
    }

    private List<String> capture(Runnable work) {
        Set<String> seen = new LinkedHashSet<>();
        registry.database().onStatement(seen::add);
        try {
            work.run();
        } finally {
            registry.database().onStatement(s -> { });
        }
        return new ArrayList<>(seen);
    }

    private void assertIndexed(List<String> statements) {
        assertThat(statements).isNotEmpty();
        for (String sql : statements) {
            if (sql.startsWith("INSERT") || sql.startsWith("PRAGMA")) {
                continue;
            }
            List<String> plan = plan(sql);
            assertThat(plan).as("query plan of %s", sql)
                    .noneMatch(line -> FULL_SCAN.matcher(line).find());
        }
    }

    private List<String> plan(String sql) {
        return registry.database().read(tx -> tx.query("EXPLAIN QUERY PLAN " + sql, rs -> rs.getString(4)));
    }

}
