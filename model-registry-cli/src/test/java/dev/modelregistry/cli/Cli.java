package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the CLI in this JVM on one registry (a directory or a registry URI),
 * capturing what it prints. Not thread-safe.
 */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LOCATIONS = List.of("--root", "--registry", "--url");

    private final Path root;
    private final List<String> location;

    Cli(Path root) {
        this.root = root;
        this.location = List.of("--root", root.toString());
    }

    private Cli(Path root, URI registry) {
        this.root = root;
        this.location = List.of("--registry", registry.toString());
    }

    /** A CLI on {@code --registry registry}, whose local files (the URI's {@code dir}) are in {@code dir}. */
    static Cli registry(Path dir, URI registry) {
        return new Cli(dir, registry);
    }

    /** The option and value that name this registry. */
    List<String> location() {
        return location;
    }

    Path root() {
        return root;
    }

    /** The arguments as given, with this registry's location added after them when they name none. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (LOCATIONS.stream().noneMatch(all::contains) && !all.isEmpty()) {
            all.addAll(location);
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
