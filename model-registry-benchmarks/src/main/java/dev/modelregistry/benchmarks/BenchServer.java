package dev.modelregistry.benchmarks;

import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.ServerOptions;
import dev.modelregistry.server.security.Role;
import dev.modelregistry.server.security.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * What the server benchmarks measure against: a registry in a temporary directory with a small LightGBM
 * model deployed to environment {@code bench}, a reader token, and a server on a random loopback port.
 * {@link #close} stops the server, closes the registry and deletes the directory. Shared by
 * {@link ServerBenchmarks} and {@link ServerLoad} so both measure the same thing. Thread-safe after
 * {@link #start}: its fields are final and the endpoint and server are thread-safe.
 */
final class BenchServer implements AutoCloseable {
    final Path dir;
    final ModelRegistry registry;
    final RegistryServer server;
    final Endpoint endpoint;
    final String token;
    final double[] row;

    private BenchServer(Path dir, ModelRegistry registry, RegistryServer server, Endpoint endpoint, String token,
            double[] row) {
        this.dir = dir;
        this.registry = registry;
        this.server = server;
        this.endpoint = endpoint;
        this.token = token;
        this.row = row;
    }

    /**
     * Opens a registry, trains and deploys the model, creates a reader token and starts the server.
     *
     * @return the running server and its endpoint
     */
    static BenchServer start() {
        try {
            Path dir = Files.createTempDirectory("model-registry-server-bench");
            ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
            Dataset data = BenchmarkFixtures.linear(new Random(1));
            ModelVersion trained = BenchmarkFixtures.trainLightGbm(registry, data);
            registry.deployer().deploy(trained.ref(), "bench", DeploymentSpec.replace());
            TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
            String token = tokens.create("bench", Role.READER).secret();
            RegistryServer server = RegistryServer.start(registry, ServerOptions.builder().tokensFile(tokens.file())
                    .build());
            return new BenchServer(dir, registry, server, registry.deployer().endpoint("bench"), token,
                    data.row(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A single-row prediction request for {@link #row} with the bearer token.
     *
     * @param routingKey the {@code X-Routing-Key} header's value
     * @return the request, reusable
     */
    HttpRequest predictRequest(String routingKey) {
        StringBuilder body = new StringBuilder("{\"features\":[");
        for (int i = 0; i < row.length; i++) {
            body.append(i == 0 ? "" : ",").append(row[i]);
        }
        body.append("]}");
        return HttpRequest.newBuilder(server.uri().resolve("api/v1/predict/bench"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("X-Routing-Key", routingKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            registry.close();
            try {
                BenchmarkFixtures.deleteTree(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
