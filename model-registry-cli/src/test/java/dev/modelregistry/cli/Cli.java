package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the CLI in this JVM on one registry directory, capturing what it prints. Not thread-safe. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    Cli(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The arguments as given, with {@code --root} added after the command words when none is given. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (!all.contains("--root") && !all.isEmpty()) {
            all.add("--root");
            all.add(root.toString());
        }
        return raw(all.toArray(String[]::new));
    }

    /** Exactly these arguments. */
    static Result raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ModelRegistryCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            return parse(out);
        }

        JsonNode errorJson() {
            return parse(err).get("error");
        }

        private static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
