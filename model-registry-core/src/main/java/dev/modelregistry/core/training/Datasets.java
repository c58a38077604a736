package dev.modelregistry.core.training;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.training.Dataset;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds {@link Dataset}s from CSV files (through jackson-dataformat-csv) and from rows of named values.
 * For panels (several assets per time), returns-only data and price tables, see {@link Panels}.
 *
 * <p>Thread-safe: stateless.
 */
public final class Datasets {
    private static final CsvMapper CSV = new CsvMapper();

    private Datasets() {
    }

    /**
     * Reads a CSV file with a header row. Empty cells and {@code NA} / {@code NaN} are missing (NaN).
     *
     * <p>The time column holds one kind of value throughout: integers (kept as they are, for example a
     * trading-day number), ISO dates ({@code 2000-09-27}, midnight UTC of that day) or ISO date-times with
     * an offset ({@code 2000-09-27T16:00:00Z}, {@code 2000-09-27 16:00:00+02:00}); dates and date-times
     * become epoch seconds, the unit {@link dev.modelregistry.api.training.service.Gap#of} reads. Local
     * date-times without an offset need a zone: see {@link #fromCsv(Path, String, Optional, List, ZoneId)}.
     *
     * @param file the CSV file (UTF-8)
     * @param label the label column
     * @param time the time column, never decreasing, if any
     * @param features the feature columns, in order; empty means every other column
     * @return the dataset
     * @throws InvalidArgumentException naming the column and line of a bad value (a time that is none of
     *         the kinds above, or of another kind than the first row's), or a missing column
     */
    public static Dataset fromCsv(Path file, String label, Optional<String> time, List<String> features) {
        return read(file, label, time, features, null);
    }

    /**
     * Reads a CSV file as {@link #fromCsv(Path, String, Optional, List)} does, and also accepts local
     * date-times ({@code 2000-09-27T16:00:00} or {@code 2000-09-27 16:00}) in the time column, read in
     * {@code zone} (at a daylight-saving overlap, the earlier offset) and kept as epoch seconds.
     *
     * @param file the CSV file (UTF-8)
     * @param label the label column
     * @param time the time column, never decreasing, if any
     * @param features the feature columns, in order; empty means every other column
     * @param zone the zone of local date-times, for example {@code ZoneId.of("Europe/London")}
     * @return the dataset
     * @throws InvalidArgumentException naming the column and line of a bad value, or a missing column
     */
    public static Dataset fromCsv(Path file, String label, Optional<String> time, List<String> features,
            ZoneId zone) {
        return read(file, label, time, features, Objects.requireNonNull(zone, "zone"));
    }

    private static Dataset read(Path file, String label, Optional<String> time, List<String> features,
            ZoneId zone) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(features, "features");
        List<Map<String, String>> rows = csvRows(file);
        List<String> header = new ArrayList<>(rows.get(0).keySet());
        requireColumn(file, header, label);
        time.ifPresent(t -> requireColumn(file, header, t));
        List<String> names = features.isEmpty()
                ? header.stream().filter(c -> !c.equals(label) && !time.map(c::equals).orElse(false)).toList()
                : List.copyOf(features);
        names.forEach(n -> requireColumn(file, header, n));
        double[][] x = new double[rows.size()][names.size()];
        double[] y = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Map<String, String> row = rows.get(r);
            int line = r + 2;
            for (int j = 0; j < names.size(); j++) {
                x[r][j] = number(file, line, names.get(j), row.get(names.get(j)));
            }
            y[r] = number(file, line, label, row.get(label));
        }
        return time.isPresent() ? Dataset.of(names, x, y, csvTimes(file, rows, time.get(), zone))
                : Dataset.of(names, x, y);
    }

    /** The data rows of a CSV file with a header, each as column to trimmed text; at least one. */
    static List<Map<String, String>> csvRows(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader())
                    .with(CsvParser.Feature.TRIM_SPACES)
                    .readValues(reader);
            List<Map<String, String>> rows = it.readAll();
            if (rows.isEmpty()) {
                throw new InvalidArgumentException("CSV file " + file + " has no data rows");
            }
            return rows;
        } catch (IOException e) {
            throw new StorageException("cannot read CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The time column of CSV rows as longs, all of the first row's kind (see {@link #fromCsv}). */
    static long[] csvTimes(Path file, List<Map<String, String>> rows, String column, ZoneId zone) {
        long[] t = new long[rows.size()];
        TimeKind kind = null;
        for (int r = 0; r < rows.size(); r++) {
            String v = rows.get(r).get(column);
            String raw = v == null ? "" : v.trim();
            TimeKind k = TimeKind.of(raw, zone);
            if (k == null || (kind != null && k != kind)) {
                throw new InvalidArgumentException(file + " line " + (r + 2) + ": time column '" + column
                        + "' holds '" + v + "', which is not " + (kind == null ? TimeKind.EXPECTED
                        : kind.description + " like the first row's")
                        + (zone == null && k == null && TimeKind.LOCAL_DATE_TIME.parse(raw, ZoneOffset.UTC).isPresent()
                                ? "; it is a local date-time: give its zone (fromCsv with a ZoneId)" : ""));
            }
            kind = k;
            t[r] = k.parse(raw, zone).getAsLong();
        }
        return t;
    }

    /**
     * One time value of a row, as {@link #fromRows(Iterable, List, String, String, Optional)} reads it.
     *
     * @param where the row, for messages
     */
    static long time(Object value, String column, Optional<ZoneId> zone, String where) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 0x1p53) {
            return (long) n.doubleValue();
        }
        if (value instanceof java.time.Instant i) {
            return i.getEpochSecond();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime o) {
            return o.toEpochSecond();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toEpochSecond();
        }
        if (value instanceof LocalDateTime l && zone.isPresent()) {
            return l.atZone(zone.get()).toEpochSecond();
        }
        if (value instanceof String text) {
            TimeKind k = TimeKind.of(text.trim(), zone.orElse(null));
            if (k != null) {
                return k.parse(text.trim(), zone.orElse(null)).getAsLong();
            }
        }
        throw new InvalidArgumentException(where + ": time column '" + column + "' holds '" + value + "' ("
                + (value == null ? "nothing" : value.getClass().getSimpleName()) + "), which is not "
                + TimeKind.EXPECTED + ", an integral number, an Instant, a LocalDate, an OffsetDateTime, a"
                + " ZonedDateTime or, given a zone, a LocalDateTime");
    }

    /**
     * Builds a dataset from rows of named values.
     *
     * @param rows each row maps column name to value; every row has every feature and the label
     * @param features the feature columns, in order
     * @param label the label column
     * @return the dataset
     */
    public static Dataset fromRows(Iterable<Map<String, Double>> rows, List<String> features, String label) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        int r = 0;
        for (Map<String, Double> row : rows) {
            double[] values = new double[features.size()];
            for (int j = 0; j < features.size(); j++) {
                Double v = row.get(features.get(j));
                if (v == null && !row.containsKey(features.get(j))) {
                    throw new InvalidArgumentException("row " + r + " lacks feature '" + features.get(j) + "'");
                }
                values[j] = v == null ? Double.NaN : v;
            }
            Double l = row.get(label);
            if (l == null) {
                throw new InvalidArgumentException("row " + r + " lacks label '" + label + "'");
            }
            x.add(values);
            y.add(l);
            r++;
        }
        return Dataset.of(features, x.toArray(double[][]::new), y.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Builds a dataset with a time index from rows of named values. Feature and label values are numbers
     * ({@code null} or a missing feature value is NaN; a label must be present). The time value of a row may
     * be an integral number (kept as it is, for example a trading-day number), an {@link java.time.Instant},
     * a {@link LocalDate} (midnight UTC), an {@link OffsetDateTime}, a {@link java.time.ZonedDateTime}, a
     * {@link LocalDateTime} (read in {@code zone}) or text as {@link #fromCsv} reads it; dates and date-times
     * become epoch seconds. Rows must come in time order.
     *
     * @param rows each row maps column name to value
     * @param features the feature columns, in order
     * @param label the label column
     * @param time the time column
     * @param zone the zone of local date-times, if the rows hold any
     * @return the dataset, with times
     * @throws InvalidArgumentException naming the row and column of a missing or bad value, or if times decrease
     */
    public static Dataset fromRows(Iterable<? extends Map<String, ?>> rows, List<String> features, String label,
            String time, Optional<ZoneId> zone) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Long> t = new ArrayList<>();
        int r = 0;
        for (Map<String, ?> row : rows) {
            double[] values = new double[features.size()];
            for (int j = 0; j < features.size(); j++) {
                String f = features.get(j);
                if (!row.containsKey(f)) {
                    throw new InvalidArgumentException("row " + r + " lacks feature '" + f + "'");
                }
                values[j] = numeric(row.get(f), "row " + r, f);
            }
            Object l = row.get(label);
            if (l == null) {
                throw new InvalidArgumentException("row " + r + " lacks label '" + label + "'");
            }
            if (!row.containsKey(time)) {
                throw new InvalidArgumentException("row " + r + " lacks time '" + time + "'");
            }
            x.add(values);
            y.add(numeric(l, "row " + r, label));
            t.add(time(row.get(time), time, zone, "row " + r));
            r++;
        }
        return Dataset.of(features, x.toArray(double[][]::new), y.stream().mapToDouble(Double::doubleValue).toArray(),
                t.stream().mapToLong(Long::longValue).toArray());
    }

    /** A feature or label value: a number, or null for missing. */
    static double numeric(Object value, String where, String column) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new InvalidArgumentException(where + ": column '" + column + "' holds '" + value + "' ("
                + value.getClass().getSimpleName() + "), not a number");
    }

    static void requireColumn(Path file, List<String> header, String column) {
        if (!header.contains(column)) {
            throw new InvalidArgumentException("CSV file " + file + " has no column '" + column + "'; it has "
                    + header);
        }
    }

    static double number(Path file, int line, String column, String value) {
        if (value == null || value.isEmpty() || value.equals("NA") || value.equals("NaN")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(file + " line " + line + ": column '" + column + "' holds '" + value
                    + "', not a number");
        }
    }

    /** The kinds of value a time column may hold, each read to a {@code long}. */
    private enum TimeKind {
        INTEGER("an integer"),
        DATE("an ISO date (2000-09-27)"),
        OFFSET_DATE_TIME("an ISO date-time with an offset (2000-09-27T16:00:00Z)"),
        LOCAL_DATE_TIME("a local date-time (2000-09-27T16:00:00)");

        static final String EXPECTED = "an integer, an ISO date (2000-09-27), an ISO date-time with an offset"
                + " (2000-09-27T16:00:00Z or 2000-09-27 16:00:00+02:00) or, given a zone, a local date-time";

        final String description;

        TimeKind(String description) {
            this.description = description;
        }

        /** The kind of {@code value}, or null if it is none (local date-times only with a zone). */
        static TimeKind of(String value, ZoneId zone) {
            for (TimeKind k : values()) {
                if ((k != LOCAL_DATE_TIME || zone != null) && k.parse(value, zone).isPresent()) {
                    return k;
                }
            }
            return null;
        }

        OptionalLong parse(String value, ZoneId zone) {
            String v = value.length() > 10 && value.charAt(10) == ' '
                    ? value.substring(0, 10) + "T" + value.substring(11) : value;
            try {
                return OptionalLong.of(switch (this) {
                    case INTEGER -> Long.parseLong(v);
                    case DATE -> LocalDate.parse(v).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
                    case OFFSET_DATE_TIME -> OffsetDateTime.parse(v).toEpochSecond();
                    case LOCAL_DATE_TIME -> LocalDateTime.parse(v).atZone(zone).toEpochSecond();
                });
            } catch (NumberFormatException | DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }
    }
}
