package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a real process: {@code java -cp <this test's class path> dev.modelregistry.cli.Main serve}
 * on port 0 prints its address once listening, answers {@code /health} and {@code --url} commands, and exits 0
 * after SIGTERM ({@link Process#destroy()} sends it on Unix) with the registry closed.
 */
class ServeProcessTest {
    @TempDir
    Path dir;

    @Test
    void serve_prints_its_address_answers_health_and_exits_zero_on_sigterm() throws Exception {
        Cli cli = new Cli(dir.resolve("registry"));
        Path artifact = Files.write(dir.resolve("model.bin"), new byte[] {1, 2, 3});
        assertThat(cli.run("register", artifact.toString(), "--name", "churn").exitCode()).isZero();
        Process serve = startServe(cli);
        URI url;
        try {
            JsonNode started = firstLine(serve);
            url = URI.create(started.get("url").asText());
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            assertThat(url.getPort()).isEqualTo(started.get("port").asInt()).isPositive();

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/health"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            Cli.Result ls = Cli.raw("ls", "--url", url.toString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(ls.exitCode()).as(ls.toString()).isZero();
            assertThat(ls.out()).isEqualTo(cli.run("ls").out());

            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stopped within 60 s").isTrue();
            assertThat(serve.exitValue()).as("exit after SIGTERM; stderr: %s",
                    Files.readString(dir.resolve("serve.err"))).isZero();
        } finally {
            serve.destroyForcibly();
        }
        // Closed cleanly: the registry opens and verifies, and the port no longer answers.
        assertThat(cli.run("verify").exitCode()).isZero();
        assertThat(Cli.raw("ls", "--url", url.toString()).exitCode()).isEqualTo(ExitCodes.STORAGE);
    }

    @Test
    void serve_analyses_a_canary_with_a_policy_on_its_own_traffic() throws Exception {
        Cli cli = new Cli(dir.resolve("registry"));
        Path trained = TrainedModelFile.shared();
        for (int i = 0; i < 2; i++) {
            assertThat(cli.run("register", trained.toString(), "--name", "churn", "--format", TrainedModelFile.FORMAT)
                    .exitCode()).isZero();
        }
        assertThat(cli.run("deploy", "churn/1", "--env", "prod").exitCode()).isZero();
        Process serve = startServe(cli, "--check-every", "1s");
        try {
            URI url = URI.create(firstLine(serve).get("url").asText());
            // Same model on both sides: only the request counts decide (latency noise must not roll it back).
            Cli.Result canary = Cli.raw("deploy", "churn/2", "--env", "prod", "--strategy", "CANARY", "--steps",
                    "10,50", "--analyze", "--min-requests", "20", "--max-latency-ratio", "1000", "--url",
                    url.toString());
            assertThat(canary.exitCode()).as(canary.toString()).isZero();

            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            int weight = 10;
            for (int round = 0; weight == 10 && System.nanoTime() < deadline; round++) {
                for (int i = 0; i < 100; i++) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/predict/prod"))
                            .header("Content-Type", "application/json").header("X-Routing-Key", "k" + round + "-" + i)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"features\":[0.5,0.2]}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                }
                Thread.sleep(200);
                weight = canaryWeight(Cli.raw("status", "prod", "--url", url.toString(), "--json"));
            }
            assertThat(weight).as("the canary's weight after analysis (50, or 0 once promoted); stderr: %s",
                    Files.readString(dir.resolve("serve.err"))).isIn(50, 0);
            Cli.Result history = Cli.raw("status", "prod", "--history", "--url", url.toString());
            assertThat(history.out()).as(history.toString()).contains("analysis");
        } finally {
            serve.destroy();
            serve.waitFor(60, TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }

    /** Starts {@code serve --port 0 --json} on the registry in a child JVM, its stderr in serve.err. */
    private Process startServe(Cli cli, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--root",
                cli.root().toString(), "--port", "0", "--json"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectError(dir.resolve("serve.err").toFile()).start();
    }

    /** The JSON line serve prints once it listens. */
    private JsonNode firstLine(Process serve) throws IOException {
        String line = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as("first line; stderr: %s", Files.readString(dir.resolve("serve.err"))).isNotNull();
        return new ObjectMapper().readTree(line);
    }

    /** The live canary's weight in {@code status --json}, 0 when there is no canary any more. */
    private static int canaryWeight(Cli.Result status) {
        for (JsonNode d : status.json().get("deployments")) {
            if (d.get("state").asText().equals("CANARY")) {
                return d.get("weightPercent").asInt();
            }
        }
        return 0;
    }
}
