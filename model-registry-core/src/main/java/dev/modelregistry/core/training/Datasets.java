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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link Dataset}s from CSV files (through jackson-dataformat-csv) and from rows of named values.
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
     * @param file the CSV file (UTF-8)
     * @param label the label column
     * @param time the time column (integers, never decreasing), if any
     * @param features the feature columns, in order; empty means every other column
     * @return the dataset
     * @throws InvalidArgumentException naming the column and line of a bad value, or a missing column
     */
    public static Dataset fromCsv(Path file, String label, Optional<String> time, List<String> features) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader())
                    .with(CsvParser.Feature.TRIM_SPACES)
                    .readValues(reader);
            List<Map<String, String>> rows = it.readAll();
            if (rows.isEmpty()) {
                throw new InvalidArgumentException("CSV file " + file + " has no data rows");
            }
            List<String> header = new ArrayList<>(rows.get(0).keySet());
            requireColumn(file, header, label);
            time.ifPresent(t -> requireColumn(file, header, t));
            List<String> names = features.isEmpty()
                    ? header.stream().filter(c -> !c.equals(label) && !time.map(c::equals).orElse(false)).toList()
                    : List.copyOf(features);
            names.forEach(n -> requireColumn(file, header, n));
            double[][] x = new double[rows.size()][names.size()];
            double[] y = new double[rows.size()];
            long[] t = new long[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                Map<String, String> row = rows.get(r);
                int line = r + 2;
                for (int j = 0; j < names.size(); j++) {
                    x[r][j] = number(file, line, names.get(j), row.get(names.get(j)));
                }
                y[r] = number(file, line, label, row.get(label));
                if (time.isPresent()) {
                    String v = row.get(time.get());
                    try {
                        t[r] = Long.parseLong(v.trim());
                    } catch (NumberFormatException | NullPointerException e) {
                        throw new InvalidArgumentException(file + " line " + line + ": time column '" + time.get()
                                + "' holds '" + v + "', not an integer");
                    }
                }
            }
            return time.isPresent() ? Dataset.of(names, x, y, t) : Dataset.of(names, x, y);
        } catch (IOException e) {
            throw new StorageException("cannot read CSV file " + file + ": " + e.getMessage(), e);
        }
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

    private static void requireColumn(Path file, List<String> header, String column) {
        if (!header.contains(column)) {
            throw new InvalidArgumentException("CSV file " + file + " has no column '" + column + "'; it has "
                    + header);
        }
    }

    private static double number(Path file, int line, String column, String value) {
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
}
