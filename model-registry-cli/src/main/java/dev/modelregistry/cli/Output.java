package dev.modelregistry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a command's answer: one JSON document per line for scripts, or aligned text for people.
 * Not thread-safe (it writes to one writer).
 */
final class Output {
    /** Thread-safe once configured; shared because building one is slow. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final PrintWriter out;

    Output(PrintWriter out) {
        this.out = out;
    }

    /** One JSON document on one line: easy to pipe into jq, or to grep. */
    void json(Object value) {
        out.println(toJson(value));
        out.flush();
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Rows under a header, columns padded to their widest cell; nothing but the header when there are no rows. */
    void table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append("  ");
                }
                b.append(row.get(i));
                if (i < row.size() - 1) {
                    b.append(" ".repeat(width[i] - row.get(i).length()));
                }
            }
            out.println(b.toString().stripTrailing());
        }
        out.flush();
    }

    /** Name/value lines, names padded, for one object. */
    void fields(String... namesAndValues) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            rows.add(Arrays.asList(namesAndValues[i] + ":", namesAndValues[i + 1]));
        }
        int width = rows.stream().mapToInt(r -> r.get(0).length()).max().orElse(0);
        rows.forEach(r -> {
            String name = r.get(0) + " ".repeat(width - r.get(0).length() + 1);
            out.println((name + r.get(1)).stripTrailing());
        });
        out.flush();
    }
}
