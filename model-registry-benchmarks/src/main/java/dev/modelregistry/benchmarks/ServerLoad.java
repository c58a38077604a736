package dev.modelregistry.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The load benchmark, in its exact form: 16 concurrent loopback clients (each its own
 * {@link HttpClient}, so its own connections) × 10,000 single-row predictions with a bearer token against
 * the {@link BenchServer}, reporting p50, p99 and the error count (anything but 200, or an exception), and
 * in the same run the same 16 × 10,000 calls to the same endpoint in-process; the server's overhead is the
 * ratio of the two. Each side first runs 1,000 unrecorded calls per client to warm up the JIT and the
 * connections. Latencies go into HdrHistograms (3 significant digits), one per client, merged.
 *
 * <p>Not a unit test and not JMH: a fixed count of requests, as the issue asks, rather than JMH's timed
 * iterations ({@link ServerBenchmarks} is the JMH view of the same comparison). Exits with status 1 if
 * any request failed. Run it after building the benchmarks module and its siblings:
 *
 * <pre>
 * mvn -q -B -DskipTests install
 * mvn -q -B -pl model-registry-benchmarks dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp model-registry-benchmarks/target/classes:$(cat model-registry-benchmarks/cp.txt) \
 *     dev.modelregistry.benchmarks.ServerLoad [clients] [requestsPerClient]
 * </pre>
 *
 * <p>Runs once per process from {@link #main}; not for use as a library.
 */
public final class ServerLoad {
    private static final int WARMUP_PER_CLIENT = 1_000;

    private ServerLoad() {
    }

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args optional: the number of clients (16) and of requests per client (10,000)
     * @throws Exception if the server cannot start or a client thread fails outside a request
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        AtomicLong errors = new AtomicLong();
        Result http;
        Result inProcess;
        try (BenchServer bench = BenchServer.start()) {
            inProcess = run(clients, perClient, c -> {
                String key = "client-" + c;
                return () -> bench.endpoint.serve(bench.row, key);
            });
            http = run(clients, perClient, c -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = bench.predictRequest("client-" + c);
                return () -> {
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 && errors.incrementAndGet() == 1) {
                            System.out.printf("first error: %d %s%n", r.statusCode(), r.body());
                        }
                    } catch (java.io.IOException e) {
                        if (errors.incrementAndGet() == 1) {
                            System.out.println("first error: " + e);
                        }
                    }
                };
            });
        }
        System.out.printf("%d clients x %d single-row predictions (after %d warm-up calls each), %d cores%n",
                clients, perClient, WARMUP_PER_CLIENT, Runtime.getRuntime().availableProcessors());
        System.out.println(http.line("HTTP (loopback, bearer token)") + ", errors " + errors.get());
        System.out.println(inProcess.line("in-process endpoint (baseline)"));
        System.out.printf("server overhead: p50 %.0fx, p99 %.0fx, throughput %.0fx%n",
                http.p50() / inProcess.p50(), http.p99() / inProcess.p99(),
                inProcess.perSecond() / http.perSecond());
        if (errors.get() > 0) {
            System.exit(1);
        }
    }

    /** Makes client {@code c}'s call; the call itself runs on that client's thread. */
    private interface ClientFactory {
        Call create(int client) throws Exception;
    }

    private interface Call {
        void run() throws Exception;
    }

    /** The merged latencies (nanoseconds) and the measured phase's wall time. */
    private record Result(Histogram latencies, long wallNanos) {
        double p50() {
            return latencies.getValueAtPercentile(50);
        }

        double p99() {
            return latencies.getValueAtPercentile(99);
        }

        double perSecond() {
            return latencies.getTotalCount() * 1e9 / wallNanos;
        }

        String line(String label) {
            return String.format("%s: %d calls, p50 %.1f µs, p99 %.1f µs, max %.1f µs, %.0f calls/s", label,
                    latencies.getTotalCount(), p50() / 1e3, p99() / 1e3, latencies.getMaxValue() / 1e3,
                    perSecond());
        }
    }

    /**
     * Runs {@code clients} threads: each warms up, waits for all the others, then times {@code perClient}
     * calls one after another.
     */
    private static Result run(int clients, int perClient, ClientFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(clients + 1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(clients);
        List<Future<Histogram>> futures = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit((Callable<Histogram>) () -> {
                    try {
                        Call call = factory.create(client);
                        for (int i = 0; i < WARMUP_PER_CLIENT; i++) {
                            call.run();
                        }
                        start.await();
                        Histogram h = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
                        for (int i = 0; i < perClient; i++) {
                            long t0 = System.nanoTime();
                            call.run();
                            h.recordValue(Math.min(System.nanoTime() - t0, h.getHighestTrackableValue()));
                        }
                        return h;
                    } finally {
                        done.countDown();
                    }
                }));
            }
            start.await();
            long t0 = System.nanoTime();
            done.await();
            long wall = System.nanoTime() - t0;
            Histogram merged = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
            for (Future<Histogram> f : futures) {
                merged.add(f.get());
            }
            return new Result(merged, wall);
        } finally {
            pool.shutdownNow();
        }
    }
}
