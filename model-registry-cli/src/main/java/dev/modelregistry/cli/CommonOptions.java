package dev.modelregistry.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every registry command takes: where the registry is, who acts, and whether to answer in JSON.
 * A server connection ({@code --url}, {@code --token}) belongs here too once the CLI speaks to a server.
 * Filled in by picocli; one instance per command invocation, not shared between threads.
 */
final class CommonOptions {
    @Option(names = "--root", paramLabel = "DIR", defaultValue = "${env:MODEL_REGISTRY_ROOT}",
            description = "The registry directory (default: $MODEL_REGISTRY_ROOT).")
    private Path root;

    @Option(names = "--json", description = "Print one JSON document on standard output (errors as JSON on"
            + " standard error) instead of tables.")
    private boolean json;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who is recorded in the audit trail"
            + " (default: the user name).")
    private String actor;

    Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    boolean json() {
        return json;
    }

    Optional<String> actor() {
        return Optional.ofNullable(actor);
    }
}
