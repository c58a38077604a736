package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.Purging;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.Splits;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import dev.modelregistry.core.evaluation.WalkForward;
import dev.modelregistry.core.evaluation.market.PriceFeatures;
import dev.modelregistry.testkit.domain.DomainGen;
import dev.modelregistry.testkit.domain.PanelSample;
import dev.modelregistry.testkit.property.Property;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanelsTest {
    @TempDir
    Path dir;

    static long day(String iso) {
        return LocalDate.parse(iso).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }

    @Test
    void a_long_table_in_any_order_comes_out_sorted_by_time_then_asset_with_its_keys() {
        Dataset d = Panels.fromLong(List.of("x"), new long[] {2, 1, 2, 1}, List.of("B", "B", "A", "A"),
                new double[][] {{4}, {2}, {3}, {1}}, new double[] {0.4, 0.2, 0.3, 0.1});
        assertThat(d.times().orElseThrow()).containsExactly(1, 1, 2, 2);
        assertThat(d.assets().orElseThrow()).containsExactly("A", "B", "A", "B");
        assertThat(d.labels()).containsExactly(0.1, 0.2, 0.3, 0.4);
        assertThat(d.value(3, 0)).isEqualTo(4);
        // Keys survive selecting rows in order, and change the fingerprint.
        assertThat(d.slice(2, 4).assets().orElseThrow()).containsExactly("A", "B");
        Dataset unkeyed = Dataset.of(List.of("x"), d.rows(), d.labels(), d.times().orElseThrow());
        assertThat(d.fingerprint()).isNotEqualTo(unkeyed.fingerprint());
    }

    @Test
    void an_asset_twice_at_one_time_is_refused() {
        assertThatThrownBy(() -> Panels.fromLong(List.of("x"), new long[] {1, 1}, List.of("A", "A"),
                new double[][] {{1}, {2}}, new double[] {0, 0}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'A' appears twice at time 1");
        assertThatThrownBy(() -> Dataset.of(List.of("x"), new double[][] {{1}}, new double[] {0})
                .withAssets(List.of("A"))).hasMessageContaining("need a time index");
    }

    @Test
    void a_long_csv_with_iso_dates_reads_as_a_panel() throws Exception {
        Path file = Files.writeString(dir.resolve("long.csv"), """
                date,ticker,momentum,fwd_ret
                2024-01-03,MSFT,0.2,0.01
                2024-01-02,MSFT,0.1,-0.02
                2024-01-02,AAPL,0.3,0.03
                2024-01-03,AAPL,NA,0.04
                """);
        Dataset d = Panels.fromLongCsv(file, "date", "ticker", "fwd_ret", List.of(), Optional.empty());
        assertThat(d.featureNames()).containsExactly("momentum");
        assertThat(d.times().orElseThrow()).containsExactly(day("2024-01-02"), day("2024-01-02"), day("2024-01-03"),
                day("2024-01-03"));
        assertThat(d.assets().orElseThrow()).containsExactly("AAPL", "MSFT", "AAPL", "MSFT");
        assertThat(d.labels()).containsExactly(0.03, -0.02, 0.04, 0.01);
        assertThat(d.value(2, 0)).isNaN();
    }

    @Test
    void a_wide_table_of_returns_becomes_per_asset_features_and_forward_labels() {
        Property.forAll(DomainGen.panels(2, 5, 60, 120)).check(panel -> {
            int horizon = 3;
            Dataset d = Panels.fromWide(panel.times(), panel.columns(), Panels.Values.RETURNS, horizon);
            assertThat(d.featureNames()).isEqualTo(PriceFeatures.NAMES);
            // Each asset's rows are exactly what the single-series builder gives on that asset's own bars.
            Map<String, List<Integer>> rowsOf = new HashMap<>();
            List<String> keys = d.assets().orElseThrow();
            for (int r = 0; r < d.rowCount(); r++) {
                rowsOf.computeIfAbsent(keys.get(r), k -> new ArrayList<>()).add(r);
            }
            long[] times = d.times().orElseThrow();
            for (Map.Entry<String, double[]> e : panel.columns().entrySet()) {
                double[] column = e.getValue();
                List<Double> own = new ArrayList<>();
                List<Long> ownTimes = new ArrayList<>();
                for (int t = 0; t < column.length; t++) {
                    if (!Double.isNaN(column[t])) {
                        own.add(column[t]);
                        ownTimes.add(panel.times()[t]);
                    }
                }
                Dataset single = PriceFeatures.fromReturns(own.stream().mapToDouble(Double::doubleValue).toArray(),
                        ownTimes.stream().mapToLong(Long::longValue).toArray(), horizon);
                List<Integer> rows = rowsOf.get(e.getKey());
                assertThat(rows).hasSize(single.rowCount());
                for (int i = 0; i < rows.size(); i++) {
                    assertThat(times[rows.get(i)]).isEqualTo(single.times().orElseThrow()[i]);
                    assertThat(d.label(rows.get(i))).isEqualTo(single.label(i));
                    assertThat(d.row(rows.get(i))).isEqualTo(single.row(i));
                }
            }
            for (int r = 1; r < d.rowCount(); r++) {
                assertThat(times[r] > times[r - 1] || keys.get(r).compareTo(keys.get(r - 1)) > 0)
                        .as("row %d in (time, asset) order", r).isTrue();
            }
        });
    }

    @Test
    void a_wide_csv_of_prices_with_missing_cells_reads_per_asset() throws Exception {
        StringBuilder csv = new StringBuilder("date,AAA,BBB\n");
        LocalDate day = LocalDate.of(2023, 1, 2);
        double a = 100;
        double b = 50;
        int rows = 0;
        while (rows < 60) {
            if (day.getDayOfWeek().getValue() <= 5) {
                a *= 1.001 + 0.01 * Math.sin(rows);
                b *= 0.999 + 0.01 * Math.cos(rows);
                csv.append(day).append(',').append(a).append(',').append(rows == 45 ? "" : Double.toString(b))
                        .append('\n');
                rows++;
            }
            day = day.plusDays(1);
        }
        Path file = Files.writeString(dir.resolve("wide.csv"), csv);
        Dataset d = Panels.fromWideCsv(file, "date", List.of(), Panels.Values.PRICES, 1, Optional.empty());
        List<String> keys = d.assets().orElseThrow();
        long aaa = keys.stream().filter("AAA"::equals).count();
        long bbb = keys.stream().filter("BBB"::equals).count();
        assertThat(aaa).isEqualTo(60 - 1 - PriceFeatures.WARM_UP);
        assertThat(bbb).as("BBB has one bar fewer").isEqualTo(aaa - 1);
    }

    @Test
    void rows_with_a_time_column_take_numbers_iso_text_and_java_time_values() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(new LinkedHashMap<>(Map.of("t", "2024-03-01", "x", 1.0, "y", 0.5)));
        rows.add(new LinkedHashMap<>(Map.of("t", LocalDate.of(2024, 3, 4), "x", 2, "y", 0.25)));
        Map<String, Object> missing = new LinkedHashMap<>(Map.of("t", java.time.Instant.parse("2024-03-05T00:00:00Z"),
                "y", 1));
        missing.put("x", null);
        rows.add(missing);
        Dataset d = Datasets.fromRows(rows, List.of("x"), "y", "t", Optional.empty());
        assertThat(d.times().orElseThrow()).containsExactly(day("2024-03-01"), day("2024-03-04"), day("2024-03-05"));
        assertThat(d.value(1, 0)).isEqualTo(2);
        assertThat(d.value(2, 0)).isNaN();
        assertThat(d.labels()).containsExactly(0.5, 0.25, 1.0);

        List<Map<String, Object>> local = List.of(Map.of("t", "2024-03-01T09:30", "x", 1.0, "y", 0.0));
        assertThatThrownBy(() -> Datasets.fromRows(local, List.of("x"), "y", "t", Optional.empty()))
                .hasMessageContaining("row 0").hasMessageContaining("time column 't'");
        assertThat(Datasets.fromRows(local, List.of("x"), "y", "t", Optional.of(java.time.ZoneId.of("America/New_York")))
                .times().orElseThrow()).containsExactly(day("2024-03-01") + 14 * 3600 + 1800);
        List<Map<String, Object>> backwards = List.of(Map.of("t", 5, "x", 1.0, "y", 0.0),
                Map.of("t", 4, "x", 1.0, "y", 0.0));
        assertThatThrownBy(() -> Datasets.fromRows(backwards, List.of("x"), "y", "t", Optional.empty()))
                .hasMessageContaining("time order");
    }

    @Test
    void walk_forward_keeps_asset_keys_so_costs_work_on_a_cross_section_and_row_splits_must_be_whole_dates() {
        PanelSample panel = DomainGen.panels(9, 9, 160, 160).samples(3, 1).get(0);
        Dataset data = Panels.fromWide(panel.times(), panel.columns(), Panels.Values.RETURNS, 1);
        List<Split> splits = Splits.walkForward(data.times().orElseThrow(), 3, 10, Splits.Window.EXPANDING, 0,
                Purging.horizon(1));
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
            TrainingRequest request = TrainingRequest.of("tribuo-linear", data);
            Predictions p = WalkForward.predictions(registry.training(), request, splits);
            assertThat(p.assets()).isPresent();
            List<String> keys = data.assets().orElseThrow();
            int[] tested = splits.stream().flatMapToInt(s -> java.util.Arrays.stream(s.test())).toArray();
            assertThat(p.assets().orElseThrow())
                    .isEqualTo(java.util.Arrays.stream(tested).mapToObj(keys::get).toList());
            StockMetrics m = new DefaultEvaluator().evaluate(p, EvaluationOptions.defaults()
                    .withDomain(MarketOptions.defaults().withCostBps(5))).section(StockMetrics.class).orElseThrow();
            assertThat(m.strategy().turnover()).isPresent();
            assertThat(m.strategy().costBps()).isEqualTo(5);
            assertThat(m.hitRate().pValueByDate()).isPresent();

            // A row split whose test size is not a whole number of dates splits one date: refused.
            int rows = data.rowCount();
            List<Split> byRows = Splits.walkForward(rows, 2, 13, Splits.Window.EXPANDING, 0, 1, 0);
            assertThatThrownBy(() -> WalkForward.predictions(registry.training(), request, byRows))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("in both training and testing");
        }
    }

    @Test
    void sizes_in_dates_never_split_a_date_on_a_built_panel() {
        Property.forAll(DomainGen.panels(2, 9, 80, 150)).check(panel -> {
            Dataset data = Panels.fromWide(panel.times(), panel.columns(), Panels.Values.RETURNS, 5);
            long[] t = data.times().orElseThrow();
            for (Split s : Splits.walkForward(t, 3, 5, Splits.Window.EXPANDING, 0, Purging.horizon(5))) {
                long firstTest = t[s.test()[0]];
                for (int r : s.train()) {
                    assertThat(t[r]).isLessThan(firstTest);
                }
            }
        });
    }
}
