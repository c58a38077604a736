package dev.modelregistry.server;

import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.internal.ServerRuntime;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A running HTTP server for one registry: the JSON REST API under {@code /api/v1} (described by
 * {@code /api/v1/openapi.json}), health and readiness, a Prometheus scrape endpoint, and any
 * {@link RouteGroup}s the options add.
 *
 * <pre>{@code
 * try (ModelRegistry registry = ModelRegistry.open(root);
 *      RegistryServer server = RegistryServer.start(registry, ServerOptions.builder().build())) {
 *     System.out.println("serving on " + server.uri());
 *     ...
 * }
 * }</pre>
 *
 * <p>Without a token store the server lets every caller do everything, so it refuses to bind anything but a
 * loopback address then. Closing the server stops it; the registry stays open (its owner closes it).
 *
 * <p>Thread-safe.
 */
public final class RegistryServer implements AutoCloseable {
    private final ServerRuntime runtime;

    private RegistryServer(ServerRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Starts a server for {@code registry} and returns once it accepts connections.
     *
     * @param registry the registry to serve; it must stay open while the server runs
     * @param options where to listen and whom to let in
     * @return the running server
     * @throws dev.modelregistry.api.InvalidArgumentException when the options bind a non-loopback address
     *     without tokens
     * @throws dev.modelregistry.api.StorageException when the token store or key store cannot be read
     */
    public static RegistryServer start(ModelRegistry registry, ServerOptions options) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(options, "options");
        return new RegistryServer(ServerRuntime.start(registry, options));
    }

    /**
     * The port the server listens on (the chosen one when the options asked for port 0).
     *
     * @return the port
     */
    public int port() {
        return runtime.port();
    }

    /**
     * The server's base address, such as {@code http://127.0.0.1:41234/}.
     *
     * @return the address, with {@code https} when TLS is on
     */
    public URI uri() {
        return runtime.uri();
    }

    /**
     * The HTTP routes served, as {@code "GET /api/v1/models/{model}"}, in registration order; route groups'
     * routes included. The OpenAPI document is checked against this list.
     *
     * @return the routes
     */
    public List<String> routes() {
        return runtime.routes();
    }

    /** Stops the server; requests in flight are cut off. Idempotent. The registry stays open. */
    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return "RegistryServer[" + uri() + "]";
    }
}
