package dev.modelregistry.cli;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.StorageException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every registry command takes: where the registry is (a directory with {@code --root}, a registry
 * URI such as PostgreSQL + S3 with {@code --registry}, or a server with {@code --url}),
 * who acts, and whether to answer in JSON. The server's token comes from {@code $MODEL_REGISTRY_TOKEN} or
 * {@code --token-file}, never from the command line, where {@code ps} and shell history would show it.
 * Filled in by picocli; one instance per command invocation, not shared between threads.
 */
final class CommonOptions {
    @Option(names = "--root", paramLabel = "DIR", defaultValue = "${env:MODEL_REGISTRY_ROOT}",
            description = "The registry directory (default: $MODEL_REGISTRY_ROOT).")
    private Path root;

    @Option(names = "--registry", paramLabel = "URI", description = "A registry URI instead of a directory:"
            + " postgresql://HOST:PORT/DB?dir=DIR&user=NAME&passwordEnv=VAR[&storage=s3://BUCKET/PREFIX&endpoint=URL],"
            + " a file: URI or a directory path (default: $MODEL_REGISTRY unless --root or --url is given).")
    private URI registry;

    @Option(names = "--url", paramLabel = "URL", description = "A model-registry server (`model-registry serve`)"
            + " instead of a directory, e.g. http://127.0.0.1:8080/ (default: $MODEL_REGISTRY_URL unless --root"
            + " is given).")
    private URI url;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the server's bearer token"
            + " (default: the token in $MODEL_REGISTRY_TOKEN).")
    private Path tokenFile;

    @Option(names = "--json", description = "Print one JSON document on standard output (errors as JSON on"
            + " standard error) instead of tables.")
    private boolean json;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who is recorded in the audit trail"
            + " (default: the user name).")
    private String actor;

    Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    /** The registry URI given with {@code --registry}; {@link RegistryCommand} applies the environment's default. */
    Optional<URI> registry() {
        return Optional.ofNullable(registry);
    }

    /** The server given with {@code --url}; the environment's default is applied by {@link RegistryCommand}. */
    Optional<URI> url() {
        return Optional.ofNullable(url);
    }

    /**
     * The bearer token: the first line of {@code --token-file}, else {@code $MODEL_REGISTRY_TOKEN}, else none.
     *
     * @throws StorageException when the token file cannot be read
     */
    Optional<String> token() {
        if (tokenFile != null) {
            try {
                String text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    throw new InvalidArgumentException("the token file " + tokenFile + " is empty");
                }
                return Optional.of(text.lines().findFirst().orElseThrow().strip());
            } catch (IOException e) {
                throw new StorageException("cannot read the token file " + tokenFile, e);
            }
        }
        return Optional.ofNullable(System.getenv("MODEL_REGISTRY_TOKEN")).filter(t -> !t.isBlank()).map(String::strip);
    }

    boolean json() {
        return json;
    }

    Optional<String> actor() {
        return Optional.ofNullable(actor);
    }
}
