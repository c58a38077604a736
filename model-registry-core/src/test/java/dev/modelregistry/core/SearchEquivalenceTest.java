package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.version.MetricFilter;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.core.internal.Json;
import dev.modelregistry.core.internal.metadata.Dialect;
import dev.modelregistry.core.internal.metadata.SearchSql;
import dev.modelregistry.core.internal.metadata.VersionRows;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rewritten search statements (models as the outer loop for name patterns, EXISTS for tag and
 * metric filters) return exactly the rows, in exactly the order, of the statements they replaced, for
 * random queries over random data with ties in creation time, deleted versions and missing tags.
 */
class SearchEquivalenceTest {
    private static final String[] NAMES = {"alpha-1", "alpha-2", "beta-1", "beta", "gamma-10", "ab", "ba", "a-b-c",
        "zeta-1", "delta", "omega-2", "alphabet", "b", "tab-a", "x1", "x2"};
    private static final String[] PATTERNS = {"*", "a*", "*a", "*-1*", "b?t*", "*a*b*", "alpha-?", "x?", "?b*",
        "nothing*", "*1"};

    @TempDir
    Path dir;

    @Test
    void three_hundred_random_queries_return_what_the_old_statements_returned() {
        Random rnd = new Random(20261130L);
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            fill(registry, rnd);
            int nonEmpty = 0;
            for (int q = 0; q < 300; q++) {
                SearchQuery query = randomQuery(rnd);
                String context = "query " + q + ": " + query;
                // Page through with the new statement's tokens; each page must equal the old statement's page.
                for (int page = 0; page < 3; page++) {
                    SearchSql now = SearchSql.of(query, Dialect.SQLITE);
                    Legacy old = Legacy.of(query);
                    assertThat(now.params()).as(context).isEqualTo(old.params());
                    List<VersionRows.Row> rowsNow = registry.database().read(tx -> tx.query(now.sql(),
                            VersionRows::row, now.params().toArray()));
                    List<VersionRows.Row> rowsOld = registry.database().read(tx -> tx.query(old.sql(),
                            VersionRows::row, old.params().toArray()));
                    assertThat(ids(rowsNow)).as(context + ", page " + page).containsExactlyElementsOf(ids(rowsOld));
                    nonEmpty += page == 0 && !rowsNow.isEmpty() ? 1 : 0;
                    if (rowsNow.size() <= query.pageSize()) {
                        break;
                    }
                    String token = registry.versions().search(query).nextPageToken().orElseThrow();
                    query = query.continueAt(token);
                }
            }
            assertThat(nonEmpty).as("queries that found something").isGreaterThan(100);
        }
    }

    private static List<Long> ids(List<VersionRows.Row> rows) {
        return rows.stream().map(VersionRows.Row::id).toList();
    }

    private static void fill(ModelRegistry registry, Random rnd) {
        String metadata = Json.write(ModelMetadata.of("bytes"));
        registry.database().write(tx -> {
            long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
            for (String name : NAMES) {
                int versions = rnd.nextInt(30);
                boolean modelDeleted = rnd.nextInt(8) == 0;
                long modelId = tx.insert("INSERT INTO model (name, created_at, next_version, deleted) VALUES (?, ?, ?, ?)",
                        name, t0, versions + 1, modelDeleted ? 1 : 0);
                for (int n = 1; n <= versions; n++) {
                    boolean deleted = modelDeleted || rnd.nextInt(6) == 0;
                    long id = tx.insert("INSERT INTO version (model_id, number, state, digest, size, format_id,"
                                    + " model_type, metadata, created_at, created_by, deleted_at)"
                                    + " VALUES (?, ?, ?, ?, 0, 'bytes', ?, ?, ?, 'bulk', ?)", modelId, n,
                            deleted ? "DELETED" : "LIVE", "0".repeat(64), "type-" + rnd.nextInt(3), metadata,
                            t0 + rnd.nextInt(40) * 1000L, deleted ? t0 : null); // few distinct times: many ties
                    if (rnd.nextBoolean()) {
                        tx.update("INSERT INTO version_tag (version_id, key, value) VALUES (?, 'stage', ?)", id,
                                List.of("dev", "prod", "test").get(rnd.nextInt(3)));
                    }
                    if (rnd.nextInt(3) == 0) {
                        tx.update("INSERT INTO version_tag (version_id, key, value) VALUES (?, 'team', ?)", id,
                                rnd.nextBoolean() ? "a" : "b");
                    }
                    if (rnd.nextInt(4) != 0) {
                        tx.update("INSERT INTO version_metric (version_id, name, value) VALUES (?, 'rmse', ?)", id,
                                rnd.nextInt(10) / 10.0);
                    }
                    if (rnd.nextBoolean()) {
                        tx.update("INSERT INTO version_metric (version_id, name, value) VALUES (?, 'auc', ?)", id,
                                rnd.nextInt(10) / 10.0);
                    }
                }
            }
            return null;
        });
    }

    private static SearchQuery randomQuery(Random rnd) {
        SearchQuery.Builder b = SearchQuery.builder();
        if (rnd.nextInt(3) != 0) {
            b.namePattern(PATTERNS[rnd.nextInt(PATTERNS.length)]);
        }
        for (int i = rnd.nextInt(3); i > 0; i--) {
            if (rnd.nextBoolean()) {
                b.tag("stage", List.of("dev", "prod", "test").get(rnd.nextInt(3)));
            } else {
                b.tag("team", rnd.nextBoolean() ? "a" : "b");
            }
        }
        for (int i = rnd.nextInt(3); i > 0; i--) {
            MetricFilter.Comparison c = MetricFilter.Comparison.values()[rnd.nextInt(MetricFilter.Comparison.values().length)];
            b.metric(rnd.nextBoolean() ? "rmse" : "auc", c, rnd.nextInt(10) / 10.0);
        }
        if (rnd.nextInt(4) == 0) {
            b.modelType("type-" + rnd.nextInt(3));
        }
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        if (rnd.nextInt(4) == 0) {
            b.createdFrom(t0.plusSeconds(rnd.nextInt(40)));
        }
        if (rnd.nextInt(4) == 0) {
            b.createdBefore(t0.plusSeconds(rnd.nextInt(40)));
        }
        b.includeDeleted(rnd.nextInt(3) == 0);
        b.order(SearchQuery.Order.values()[rnd.nextInt(SearchQuery.Order.values().length)]);
        b.pageSize(1 + rnd.nextInt(25));
        return b.build();
    }

    /**
     * The statement search ran before (copied from SearchSql at commit 8deccc5): GLOB on the version
     * side of the join, and IN (SELECT ...) tag and metric filters. Paging conditions are the same.
     */
    private record Legacy(String sql, List<Object> params) {
        static Legacy of(SearchQuery q) {
            List<String> where = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (!q.includeDeleted()) {
                where.add("v.state = 'LIVE'");
            }
            q.namePattern().ifPresent(p -> {
                where.add("m.name GLOB ?");
                params.add(p);
            });
            q.modelType().ifPresent(t -> {
                where.add("v.model_type = ?");
                params.add(t);
            });
            q.createdFrom().ifPresent(t -> {
                where.add("v.created_at >= ?");
                params.add(t.toEpochMilli());
            });
            q.createdBefore().ifPresent(t -> {
                where.add("v.created_at < ?");
                params.add(t.toEpochMilli());
            });
            for (Map.Entry<String, String> tag : q.tags().entrySet()) {
                where.add("v.id IN (SELECT version_id FROM version_tag WHERE key = ? AND value = ?)");
                params.add(tag.getKey());
                params.add(tag.getValue());
            }
            for (MetricFilter m : q.metrics()) {
                where.add("v.id IN (SELECT version_id FROM version_metric WHERE name = ? AND value "
                        + m.comparison().symbol() + " ?)");
                params.add(m.metric());
                params.add(m.value());
            }
            // The paging condition and its parameters, exactly as the new statement has them.
            SearchSql current = SearchSql.of(q, Dialect.SQLITE);
            int pagingParams = q.pageToken().isPresent() ? 2 : 0;
            if (pagingParams > 0) {
                String sql = current.sql();
                String cond = switch (q.order()) {
                    case NEWEST_FIRST -> "(v.created_at, v.id) < (?, ?)";
                    case OLDEST_FIRST -> "(v.created_at, v.id) > (?, ?)";
                    case NAME_THEN_VERSION -> "(m.name, v.number) > (?, ?)";
                };
                assertThat(sql).contains(cond);
                where.add(cond);
                params.addAll(current.params().subList(current.params().size() - 2, current.params().size()));
            }
            String orderBy = switch (q.order()) {
                case NEWEST_FIRST -> " ORDER BY v.created_at DESC, v.id DESC";
                case OLDEST_FIRST -> " ORDER BY v.created_at, v.id";
                case NAME_THEN_VERSION -> " ORDER BY m.name, v.number";
            };
            String select = q.order() == SearchQuery.Order.NAME_THEN_VERSION
                    ? "SELECT v.id, m.name, v.number, v.state, v.digest, v.size, v.metadata, v.created_at,"
                            + " v.created_by, v.deleted_at, v.model_id FROM model m CROSS JOIN version v ON v.model_id = m.id"
                    : VersionRows.SELECT;
            String sql = select + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                    + orderBy + " LIMIT " + (q.pageSize() + 1);
            return new Legacy(sql, List.copyOf(params));
        }
    }
}
