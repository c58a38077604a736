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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's overhead on a prediction: 16 concurrent clients each predicting one row at a time, over
 * loopback HTTP with a bearer token ({@link #httpPredict}) and in-process through the same endpoint
 * ({@link #inProcessPredict}, the baseline). Sampled time, so JMH reports p50 and p99; read the two as a
 * ratio from the same run. A request that does not answer 200 is counted, and the trial fails if any did.
 *
 * <p>JMH creates one instance per fork; not for use outside JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(16)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class ServerBenchmarks {
    private Path dir;
    private ModelRegistry registry;
    private RegistryServer server;
    private Endpoint endpoint;
    private String token;
    private double[] row;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    /** Creates the benchmark state (JMH needs a public no-argument constructor). */
    public ServerBenchmarks() {
    }

    /** One HTTP client (one connection pool) per benchmark thread, as separate clients would have. */
    @State(Scope.Thread)
    public static class Client {
        HttpClient http;
        HttpRequest request;

        /** Creates the per-thread state (JMH needs a public no-argument constructor). */
        public Client() {
        }

        /**
         * Builds this thread's client and its request.
         *
         * @param bench the shared state with the server
         */
        @Setup(Level.Trial)
        public void open(ServerBenchmarks bench) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            StringBuilder body = new StringBuilder("{\"features\":[");
            for (int i = 0; i < bench.row.length; i++) {
                body.append(i == 0 ? "" : ",").append(bench.row[i]);
            }
            body.append("]}");
            request = HttpRequest.newBuilder(bench.server.uri().resolve("api/v1/predict/bench"))
                    .header("Authorization", "Bearer " + bench.token).header("Content-Type", "application/json")
                    .header("X-Routing-Key", "client-" + Thread.currentThread().getId())
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        }
    }

    /**
     * Opens a registry, trains and deploys a small LightGBM model, creates a reader token and starts the
     * server on a random loopback port.
     *
     * @throws IOException if the temporary directory cannot be made
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("model-registry-server-bench");
        registry = ModelRegistry.open(dir.resolve("registry"));
        Random random = new Random(1);
        Dataset data = BenchmarkFixtures.linear(random);
        ModelVersion trained = BenchmarkFixtures.trainLightGbm(registry, data);
        registry.deployer().deploy(trained.ref(), "bench", DeploymentSpec.replace());
        endpoint = registry.deployer().endpoint("bench");
        row = data.row(0);
        TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
        token = tokens.create("bench", Role.READER).secret();
        server = RegistryServer.start(registry, ServerOptions.builder().tokensFile(tokens.file()).build());
    }

    /**
     * Stops the server, closes the registry, deletes the directory, and fails the trial if any request
     * did not answer 200.
     *
     * @throws IOException if a file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        server.close();
        registry.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        System.out.printf("%nHTTP requests: %d, errors: %d%n", requests.get(), errors.get());
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " requests did not answer 200");
        }
    }

    /**
     * One prediction over loopback HTTP: JSON in, authentication, routing, JSON out.
     *
     * @param client this thread's client
     * @return the response body, so the work is not optimised away
     * @throws Exception if the request fails
     */
    @Benchmark
    public String httpPredict(Client client) throws Exception {
        HttpResponse<String> r = client.http.send(client.request, HttpResponse.BodyHandlers.ofString());
        requests.incrementAndGet();
        if (r.statusCode() != 200 && errors.incrementAndGet() == 1) {
            System.out.printf("%nfirst error: %d %s%n", r.statusCode(), r.body());
        }
        return r.body();
    }

    /**
     * The baseline: the same row through the same endpoint in-process.
     *
     * @return the prediction
     */
    @Benchmark
    public double inProcessPredict() {
        return endpoint.serve(row, "client-" + Thread.currentThread().getId()).value();
    }

}
