package dev.modelregistry.core.evaluation.market;

import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.evaluation.ClassificationMetrics;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.FoldMetrics;
import dev.modelregistry.api.evaluation.MetricDispersion;
import dev.modelregistry.api.evaluation.RuleOutcome;
import dev.modelregistry.api.evaluation.ScoreComponent;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.api.version.ModelVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders an evaluation as one self-contained HTML file: tables of metrics, rules and score components,
 * and charts drawn by XChart as PNG images embedded as base64 {@code data:} URIs — predicted vs actual,
 * cumulative strategy return and drawdown (when the report has a market section), and per-fold metrics.
 * The file refers to nothing outside itself, so it opens without network access. It lives with the market
 * evaluation because its strategy charts do, and so XChart stays out of the generic evaluation; it renders
 * any report.
 *
 * <p>Thread-safe: stateless. Drawing needs no display: charts are painted into in-memory images. The
 * report leaves JVM-wide settings alone; a server with a display that should not be used can run with
 * {@code -Djava.awt.headless=true}.
 */
public final class HtmlReport {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 400;

    private HtmlReport() {
    }

    /**
     * Renders a report.
     *
     * @param title the page title (escaped)
     * @param report the report
     * @return the HTML text
     * @throws StorageException if a chart cannot be encoded
     */
    public static String render(String title, EvaluationReport report) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(report, "report");
        return render(title, report, Optional.empty());
    }

    /**
     * Renders a report with a header that says what was evaluated: the version, its trainer and library,
     * the training rows and their time range, the features and the hyper-parameters.
     *
     * @param title the page title (escaped)
     * @param report the report
     * @param version the version the report is about
     * @return the HTML text
     * @throws StorageException if a chart cannot be encoded
     */
    public static String render(String title, EvaluationReport report, ModelVersion version) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(version, "version");
        return render(title, report, Optional.of(version));
    }

    private static String render(String title, EvaluationReport report, Optional<ModelVersion> version) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
                        + "margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "th{background:#eee}td:first-child{text-align:left}.PASSED{color:#070}.FAILED{color:#a00}"
                        + ".UNDEFINED{color:#a60}</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        version.ifPresent(v -> header(h, v));
        h.append("<p><b>Recommendation: ").append(report.decision().recommendation()).append("</b> — ")
                .append(esc(report.decision().reason())).append("</p>\n");
        h.append("<p>").append(report.count()).append(" evaluation rows, task ").append(report.task())
                .append(", composite score ").append(fmt(report.score().score())).append(" (0 to 1)</p>\n");
        data(h, report);

        h.append("<h2>Metrics</h2>\n<table><tr><th>metric</th><th>value</th></tr>\n");
        for (Map.Entry<String, Double> e : report.metrics().entrySet()) {
            row(h, MetricFormat.label(e.getKey()), MetricFormat.value(e.getKey(), e.getValue()));
        }
        h.append("</table>\n");
        report.classification().ifPresent(c -> confusion(h, c));

        h.append("<h2>Rules</h2>\n<table><tr><th>rule</th><th>hard</th><th>bound</th><th>threshold</th>"
                + "<th>observed</th><th>status</th></tr>\n");
        for (RuleOutcome r : report.decision().rules()) {
            String metric = r.rule().replaceFirst("^(min|max)_", "");
            h.append("<tr><td>").append(esc(r.rule())).append("</td><td>").append(r.hard() ? "yes" : "no")
                    .append("</td><td>").append(r.bound()).append("</td><td>")
                    .append(esc(MetricFormat.value(metric, r.threshold()))).append("</td><td>")
                    .append(esc(r.observed().isPresent() ? MetricFormat.value(metric, r.observed().getAsDouble())
                            : "undefined"))
                    .append("</td><td class=\"").append(r.status()).append("\">")
                    .append(r.status()).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Composite score</h2>\n<table><tr><th>component</th><th>weight</th><th>input</th>"
                + "<th>normalised</th><th>contribution</th></tr>\n");
        for (ScoreComponent c : report.score().components()) {
            row(h, MetricFormat.label(c.name()), fmt(c.weight()), c.input().isPresent() ? MetricFormat.value(c.name(), c.input().getAsDouble()) : "undefined",
                    fmt(c.normalised()), fmt(c.contribution()));
        }
        h.append("</table>\n<h2>Stability across folds</h2>\n<table><tr><th>metric</th><th>folds</th><th>mean</th>"
                + "<th>std</th><th>worst</th><th>worst fold</th><th>trend per fold</th></tr>\n");
        for (MetricDispersion d : report.stability().dispersion()) {
            row(h, MetricFormat.label(d.metric()), String.valueOf(d.folds()), MetricFormat.value(d.metric(), d.mean()),
                    d.std().isPresent() ? MetricFormat.value(d.metric(), d.std().getAsDouble()) : "undefined",
                    MetricFormat.value(d.metric(), d.worst()), String.valueOf(d.worstFold()),
                    d.trendSlope().isPresent() ? MetricFormat.value(d.metric(), d.trendSlope().getAsDouble())
                            : "undefined");
        }
        h.append("</table>\n");
        report.stability().perturbation().ifPresent(p -> h.append("<p>Input noise of ").append(fmt(p.size()))
                .append(" std: mean absolute change ").append(fmt(p.meanAbsoluteChange())).append(", relative ")
                .append(fmt(p.relativeChange())).append(", sign flips ").append(fmt(p.signFlipRate())).append("</p>\n"));

        h.append("<h2>Charts</h2>\n");
        for (Drawn chart : charts(report)) {
            h.append("<p><img alt=\"").append(esc(chart.title())).append("\" src=\"data:image/png;base64,")
                    .append(chart.pngBase64()).append("\"></p>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /**
     * Renders a report to a file (UTF-8), replacing it.
     *
     * @param title the page title
     * @param report the report
     * @param file the target
     * @return the file
     * @throws StorageException if the file cannot be written
     */
    public static Path write(String title, EvaluationReport report, Path file) {
        Objects.requireNonNull(file, "file");
        return write(render(title, report), file);
    }

    /**
     * Renders a report with its model header (see {@link #render(String, EvaluationReport, ModelVersion)}) to a
     * file (UTF-8), replacing it.
     *
     * @param title the page title
     * @param report the report
     * @param version the version the report is about
     * @param file the target
     * @return the file
     * @throws StorageException if the file cannot be written
     */
    public static Path write(String title, EvaluationReport report, ModelVersion version, Path file) {
        Objects.requireNonNull(file, "file");
        return write(render(title, report, version), file);
    }

    private static Path write(String html, Path file) {
        try {
            return Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("cannot write the HTML report to " + file + ": " + e.getMessage(), e);
        }
    }

    /** A chart drawn as a PNG, by title. */
    record Drawn(String title, String pngBase64) {
    }

    static List<Drawn> charts(EvaluationReport report) {
        List<Drawn> charts = new ArrayList<>();
        double[] actual = doubles(report.series().actual());
        double[] predicted = doubles(report.series().predicted());

        XYChart scatter = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Predicted vs actual")
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        scatter.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        scatter.getStyler().setMarkerSize(4);
        scatter.getStyler().setLegendVisible(false);
        scatter.getStyler().setLegendVisible(true);
        scatter.addSeries("rows", predicted, actual);
        // The 45-degree line: where every point would lie if the predictions were exact.
        double lo = Math.min(min(predicted), min(actual));
        double hi = Math.max(max(predicted), max(actual));
        if (lo < hi) {
            XYSeries perfect = scatter.addSeries("predicted = actual", new double[] {lo, hi}, new double[] {lo, hi});
            perfect.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            perfect.setMarker(SeriesMarkers.NONE);
        }
        charts.add(draw(scatter));

        double[] returns = doubles(report.section(StockMetrics.class).map(StockMetrics::strategyReturns)
                .orElse(List.of()));
        if (returns.length > 0) {
            // The periods of the strategy: rows sharing a date are one period (a panel's cross-section).
            List<Long> times = report.series().times();
            List<int[]> periods = StockScorer.periods(actual.length,
                    times.isEmpty() ? null : times.stream().mapToLong(Long::longValue).toArray());
            boolean benchmark = periods.size() == returns.length;
            String[] labels = null;
            String xTitle = "test periods elapsed (bars)";
            if (benchmark && !times.isEmpty()) {
                Axis axis = Axis.of(times);
                labels = new String[returns.length];
                for (int t = 0; t < returns.length; t++) {
                    labels[t] = tickLabel(times.get(periods.get(t)[0]), axis);
                }
                xTitle = switch (axis) {
                    case INDEX -> "date index";
                    case DAYS -> "date";
                    case INTRADAY -> "date and time (UTC), one step per bar";
                };
            }
            double[] x = new double[returns.length];
            double[] cumulative = new double[returns.length];
            double[] holding = new double[returns.length];
            double[] drawdown = new double[returns.length];
            double equity = 1;
            double held = 1;
            double peak = 1;
            for (int t = 0; t < returns.length; t++) {
                equity *= 1 + returns[t];
                // Buy and hold earns the label itself, each period's mean return over its assets (equal
                // weights), with no costs.
                if (benchmark) {
                    double sum = 0;
                    for (int i : periods.get(t)) {
                        sum += actual[i];
                    }
                    held *= 1 + sum / periods.get(t).length;
                }
                peak = Math.max(peak, equity);
                x[t] = t;
                cumulative[t] = equity - 1;
                holding[t] = held - 1;
                drawdown[t] = -(1 - equity / peak);
            }
            boolean panel = periods.stream().anyMatch(g -> g.length > 1);
            XYChart growth = percentLine("Cumulative strategy return", "strategy (after costs)", x, cumulative,
                    xTitle, labels);
            if (benchmark) {
                growth.addSeries(panel ? "buy and hold (equal weights)" : "buy and hold", x, holding)
                        .setMarker(SeriesMarkers.NONE);
            }
            charts.add(draw(growth));
            charts.add(draw(percentLine("Drawdown", "drawdown from the running peak", x, drawdown, xTitle, labels)));
        }

        // One chart per metric, each on its own axis: an IC of 0.05 is invisible next to a hit rate of 0.55.
        List<FoldMetrics> folds = report.stability().folds();
        List<String> labels = folds.stream().map(f -> "fold " + f.fold()).toList();
        boolean any = false;
        for (String m : List.of("hit_rate", "ic", "r2", "accuracy", "roc_auc")) {
            if (!folds.isEmpty() && folds.stream().allMatch(f -> f.metrics().containsKey(m))) {
                CategoryChart bars = foldBars(m, folds);
                charts.add(draw(bars));
                any = true;
            }
        }
        if (!any) {
            CategoryChart bars = bars("Rows per fold", "rows");
            bars.addSeries("rows", labels, folds.stream().map(f -> (Number) f.count()).toList());
            charts.add(draw(bars));
        }
        return charts;
    }

    /**
     * A line over the test periods with a percentage axis. The x values are period numbers, one step per bar,
     * so weekends and nights take no room; with {@code labels} (one per period) the ticks read as dates.
     */
    private static XYChart percentLine(String title, String series, double[] x, double[] y, String xTitle,
            String[] labels) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle("% of starting equity").build();
        chart.getStyler().setYAxisDecimalPattern("#0.0%");
        // The legend below the plot, so every line chart's plot has the same width and their dates line up.
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        // XChart puts a tick every few periods; labelling only round numbers keeps the labels apart.
        double step = roundStep(x.length);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
            if (Math.abs(v / step - Math.rint(v / step)) >= 1e-9) {
                return "";
            }
            int i = (int) Math.rint(v);
            return labels == null ? String.format(Locale.ROOT, "%.0f", v)
                    : i >= 0 && i < labels.length ? labels[i] : "";
        });
        chart.addSeries(series, x, y).setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** A round label step (1, 2 or 5 times a power of ten) giving about five labels over n periods. */
    static double roundStep(int n) {
        double raw = Math.max(1, n / 5.0);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** One metric per fold as bars; {@code metric} must be present in every fold. */
    static CategoryChart foldBars(String metric, List<FoldMetrics> folds) {
        CategoryChart bars = bars("Per-fold " + MetricFormat.label(metric), MetricFormat.label(metric));
        if (MetricFormat.isFraction(metric)) {
            bars.getStyler().setYAxisDecimalPattern("#0.0%");
        }
        if (folds.stream().allMatch(f -> f.metrics().get(metric) >= 0)) {
            // Bars measure from zero: an axis starting at 49 % would draw a 51 % fold twice as tall as a 50 % one.
            bars.getStyler().setYAxisMin(0.0);
        }
        bars.addSeries(MetricFormat.label(metric), folds.stream().map(f -> "fold " + f.fold()).toList(),
                folds.stream().map(f -> (Number) f.metrics().get(metric)).toList());
        return bars;
    }

    private static CategoryChart bars(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("fold")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * What the evaluation rows are: their date range and assets, and the bar frequency with the
     * annualisation the market metrics use.
     */
    private static void data(StringBuilder h, EvaluationReport report) {
        List<Long> times = report.series().times();
        List<String> assets = report.series().assets();
        Optional<StockMetrics> market = report.section(StockMetrics.class);
        if (times.isEmpty() && market.isEmpty()) {
            return;
        }
        h.append("<p>");
        if (!times.isEmpty()) {
            long dates = times.stream().distinct().count();
            Axis axis = Axis.of(times);
            h.append("Evaluated ").append(axis == Axis.INDEX ? "time index " + times.get(0) + " to "
                    + times.get(times.size() - 1) : esc(formatTime(times.get(0), axis)) + " to "
                    + esc(formatTime(times.get(times.size() - 1), axis))).append(": ").append(dates)
                    .append(dates == 1 ? " date" : " dates");
            if (!assets.isEmpty()) {
                long distinct = assets.stream().distinct().count();
                h.append(", ").append(distinct).append(distinct == 1 ? " asset" : " assets");
            }
            h.append(". ");
        }
        market.ifPresent(m -> {
            h.append("Bars: ").append(esc(m.frequency().kind().equals("index") ? "a time index, not dates"
                    : m.frequency().kind())).append("; annualisation <b>")
                    .append(m.frequency().periodsPerYear()).append(" periods a year</b> (")
                    .append(esc(m.frequency().rule())).append(")");
            if (m.frequency().gaps() > 0) {
                h.append("; ").append(m.frequency().gaps()).append(" periods are followed by a gap longer than 1.5"
                        + " bars (a weekend, holiday or session break), so their next-period labels span it");
            }
            h.append('.');
        });
        h.append("</p>\n");
    }

    /** How the charts' time axis reads: a plain index, calendar days, or times of day. */
    enum Axis {
        INDEX, DAYS, INTRADAY;

        static Axis of(List<Long> times) {
            long max = times.stream().mapToLong(Math::abs).max().orElse(0);
            if (max < Frequencies.CLOCK_FROM) {
                return INDEX;
            }
            boolean intraday = times.stream().map(t -> Math.floorMod(seconds(t), 86_400L)).distinct().count() > 1;
            return intraday ? INTRADAY : DAYS;
        }
    }

    private static long seconds(long time) {
        return Math.abs(time) >= Frequencies.MILLIS_FROM ? Math.floorDiv(time, 1000) : time;
    }

    /** A time as a reader reads it: {@code 2021-03-04}, {@code 2021-03-04 14:30 UTC}, or the index. */
    static String formatTime(long time, Axis axis) {
        if (axis == Axis.INDEX) {
            return "index " + time;
        }
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(seconds(time), 0, java.time.ZoneOffset.UTC);
        return axis == Axis.DAYS ? t.toLocalDate().toString()
                : t.toLocalDate() + " " + String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute()) + " UTC";
    }

    /** A short tick label: the date, or month-day and time of day, or the index. */
    static String tickLabel(long time, Axis axis) {
        if (axis == Axis.INDEX) {
            return Long.toString(time);
        }
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(seconds(time), 0, java.time.ZoneOffset.UTC);
        return axis == Axis.DAYS ? t.toLocalDate().toString()
                : String.format(Locale.ROOT, "%02d-%02d %02d:%02d", t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
                        t.getMinute());
    }

    /** The header of a report about a stored version: what model, trained how, on what. */
    private static void header(StringBuilder h, ModelVersion v) {
        h.append("<h2>Model</h2>\n<table><tr><th>field</th><th>value</th></tr>\n");
        row(h, "version", v.ref().toString());
        row(h, "format / type", v.metadata().formatId() + " / " + v.metadata().modelType());
        v.metadata().training().ifPresent(t -> {
            row(h, "trainer", t.trainerId() + " " + t.libraryVersion());
            row(h, "training rows", String.valueOf(t.rowCount()));
            row(h, "training data", trainingRange(t.dataStart(), t.dataEnd()));
            t.bestIteration().ifPresent(i -> row(h, "best iteration (early stopping)", String.valueOf(i)));
            row(h, "hyper-parameters", t.hyperParameters().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
        });
        row(h, "features", v.metadata().features().features().stream().map(f -> f.name())
                .collect(java.util.stream.Collectors.joining(", ")));
        h.append("</table>\n");
    }

    /**
     * The training time range as a reader understands it. Time stamps are stored as epoch seconds; data whose
     * time column is a plain index (day numbers 0, 1, 2, ...) then lands in the first days of 1970, which no
     * market data does, so such a range is shown as the index it is.
     */
    static String trainingRange(Optional<java.time.Instant> start, Optional<java.time.Instant> end) {
        if (start.isEmpty() || end.isEmpty()) {
            return "time range not recorded";
        }
        java.time.Instant indexLimit = java.time.Instant.parse("1971-01-01T00:00:00Z");
        if (end.get().isBefore(indexLimit)) {
            return "time index " + start.get().getEpochSecond() + " to " + end.get().getEpochSecond();
        }
        return start.get() + " to " + end.get();
    }

    private static double min(double[] x) {
        return java.util.Arrays.stream(x).filter(Double::isFinite).min().orElse(0);
    }

    private static double max(double[] x) {
        return java.util.Arrays.stream(x).filter(Double::isFinite).max().orElse(0);
    }

    // Overloads that call the encoder themselves: XChart's common chart supertype lives in its internal
    // package, which this class does not name.
    private static Drawn draw(XYChart chart) {
        return encode(chart.getTitle(), () -> BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    private static Drawn draw(CategoryChart chart) {
        return encode(chart.getTitle(), () -> BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Draws PNG bytes. */
    @FunctionalInterface
    private interface Painter {
        byte[] paint() throws IOException;
    }

    private static Drawn encode(String title, Painter painter) {
        try {
            return new Drawn(title, Base64.getEncoder().encodeToString(painter.paint()));
        } catch (IOException e) {
            throw new StorageException("cannot draw chart '" + title + "': " + e.getMessage(), e);
        }
    }

    private static void confusion(StringBuilder h, ClassificationMetrics c) {
        h.append("<h2>Confusion matrix (threshold ").append(fmt(c.threshold())).append(")</h2>\n<table><tr><th></th>"
                + "<th>predicted 1</th><th>predicted 0</th></tr>\n");
        row(h, "actual 1", String.valueOf(c.confusion().truePositives()), String.valueOf(c.confusion().falseNegatives()));
        row(h, "actual 0", String.valueOf(c.confusion().falsePositives()), String.valueOf(c.confusion().trueNegatives()));
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String first, String... cells) {
        h.append("<tr><td>").append(esc(first)).append("</td>");
        for (String c : cells) {
            h.append("<td>").append(esc(c)).append("</td>");
        }
        h.append("</tr>\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String fmt(OptionalDouble v) {
        return v.isPresent() ? fmt(v.getAsDouble()) : "undefined";
    }

    private static double[] doubles(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
