package dev.modelregistry.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    private BenchServer bench;
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
         * @param state the shared state with the server
         */
        @Setup(Level.Trial)
        public void open(ServerBenchmarks state) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            request = state.bench.predictRequest("client-" + Thread.currentThread().getId());
        }
    }

    /** Starts the {@link BenchServer}: a small LightGBM model deployed, a reader token, a loopback server. */
    @Setup(Level.Trial)
    public void open() {
        bench = BenchServer.start();
    }

    /** Stops the server, deletes its directory, and fails the trial if any request did not answer 200. */
    @TearDown(Level.Trial)
    public void close() {
        bench.close();
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
        return bench.endpoint.serve(bench.row, "client-" + Thread.currentThread().getId()).value();
    }

}
