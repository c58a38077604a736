package dev.modelregistry.benchmarks;

import dev.modelregistry.api.version.MetricFilter;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.Page;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.internal.metadata.Dialect;
import dev.modelregistry.core.internal.metadata.SearchSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first page (100 rows, the default size) of each search shape over 100,000 versions (1,000 models × 100), next to its raw floor in the same run: the very SQL
 * statement the registry runs for that query, prepared once on a connection of its own to the same
 * file, every column of every row read. The fixture is written once per trial (see
 * {@link LargeRegistry}).
 *
 * <p>JMH creates the states; not for use outside JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SearchBenchmarks {
    /** The search shapes of issue 14's table. */
    @Param({"newest", "oldest", "name-order", "prefix", "leading-star", "tag", "metric", "type", "time-range",
        "prefix-tag-metric"})
    public String shape;

    private Path dir;
    private ModelRegistry registry;
    private Connection raw;
    private PreparedStatement rawQuery;
    private SearchQuery query;

    /** Creates the benchmark state (JMH needs a public no-argument constructor). */
    public SearchBenchmarks() {
    }

    static SearchQuery query(String shape) {
        SearchQuery.Builder b = SearchQuery.builder();
        return switch (shape) {
            case "newest" -> b.build();
            case "oldest" -> b.order(SearchQuery.Order.OLDEST_FIRST).build();
            case "name-order" -> b.order(SearchQuery.Order.NAME_THEN_VERSION).build();
            case "prefix" -> b.namePattern("model-1*").build();
            case "leading-star" -> b.namePattern("*-7").build();
            case "tag" -> b.tag("stage", "prod").build();
            case "metric" -> b.metric("rmse", MetricFilter.Comparison.LESS_THAN, 0.05).build();
            case "type" -> b.modelType("type-3").build();
            case "time-range" -> b.createdFrom(LargeRegistry.T0.plusSeconds(10))
                    .createdBefore(LargeRegistry.T0.plusSeconds(20)).build();
            case "prefix-tag-metric" -> b.namePattern("model-1*").tag("stage", "prod")
                    .metric("rmse", MetricFilter.Comparison.LESS_THAN, 0.5).build();
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    }

    /**
     * Writes the fixture, opens the registry, and prepares the raw statement.
     *
     * @throws SQLException if the raw connection fails
     */
    @Setup(Level.Trial)
    public void open() throws SQLException {
        dir = LargeRegistry.create(1000, 100);
        registry = ModelRegistry.open(dir);
        query = query(shape);
        SearchSql sql = SearchSql.of(query, Dialect.SQLITE);
        raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
        rawQuery = raw.prepareStatement(sql.sql());
        List<Object> params = sql.params();
        for (int i = 0; i < params.size(); i++) {
            rawQuery.setObject(i + 1, params.get(i));
        }
    }

    /**
     * Closes both and deletes the directory.
     *
     * @throws SQLException if the raw connection cannot be closed
     */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        rawQuery.close();
        raw.close();
        registry.close();
        LargeRegistry.delete(dir);
    }

    /**
     * The first page through the registry: the SQL, then tags, aliases and deployments, then the
     * versions as values.
     *
     * @return the page
     */
    @Benchmark
    public Page<ModelVersion> search() {
        return registry.versions().search(query);
    }

    /**
     * The raw floor: the same statement, every column of every row read.
     *
     * @return a checksum of what was read
     * @throws SQLException if the query fails
     */
    @Benchmark
    public long rawSql() throws SQLException {
        long sum = 0;
        try (ResultSet rs = rawQuery.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    Object value = rs.getObject(c);
                    sum += value == null ? 0 : value.hashCode();
                }
            }
        }
        return sum;
    }
}
