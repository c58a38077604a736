package dev.modelregistry.server;

import static dev.modelregistry.server.DeploymentApiTest.answered;
import static dev.modelregistry.server.RestApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.StreamedBytes.PatternStream;
import dev.modelregistry.server.security.Role;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The story in one chain, over real HTTP with tokens on a random loopback port: a writer uploads an
 * artifact of 256 MiB, more than the test JVM's heap (surefire runs this module with -Xmx128m), and downloads
 * it by its SHA-256 with the heap stable, so buffering it whole anywhere (client, Javalin, registry) fails; trains a model from an uploaded CSV while following the job over
 * SSE, a deployer deploys it, predictions (single and batch) name the answering version, a second trained
 * version goes out as a canary and is promoted, a rollback brings the first back, and the audit trail and
 * deployment history name the two tokens' principals. The edge cases of each step are in the per-area tests.
 *
 * <p>The trained models ({@link MeanTrainer}) predict their training labels' mean, so the value itself says
 * which version answered: version 1 learns 2.0, version 2 learns 6.0.
 */
class ServerEndToEndTest extends ServerTestBase {
    private static final long ARTIFACT_SIZE = 256L << 20;

    @Test
    void upload_train_deploy_predict_promote_and_roll_back_under_token_principals() throws Exception {
        Http writer = f.as(Role.WRITER);
        Http deployer = f.as(Role.DEPLOYER);
        Http reader = f.as(Role.READER);

        // An artifact larger than the heap up, with its digest checked on the way in, and down, with the digest
        // in a header; the bytes are generated and hashed as they flow, never held.
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(maxHeap).as("this test needs a heap smaller than the artifact").isLessThan(ARTIFACT_SIZE);
        String sha = HexFormat.of().formatHex(StreamedBytes.digestOf(new PatternStream(ARTIFACT_SIZE)));
        long heapBefore = StreamedBytes.usedHeapAfterGc();
        HttpResponse<String> created = writer.send(writer.request("api/v1/models/blob/versions?format=bytes")
                .header("X-Content-SHA256", sha)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(ARTIFACT_SIZE))).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"size\":" + ARTIFACT_SIZE);
        HttpResponse<InputStream> download = reader.send(reader.request("api/v1/models/blob/versions/1/artifact")
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("X-Content-SHA256")).hasValue(sha);
        try (InputStream in = download.body()) {
            assertThat(HexFormat.of().formatHex(StreamedBytes.digestOf(in))).isEqualTo(sha);
        }
        long heapAfter = StreamedBytes.usedHeapAfterGc();
        System.out.printf("256 MiB round trip: max heap %d MiB, used after GC before %d MiB, after %d MiB%n",
                maxHeap >> 20, heapBefore >> 20, heapAfter >> 20);
        assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(32L << 20);

        // Training: progress over SSE up to the registered version 1.
        assertThat(train(writer, 1.0, 3.0)).isEqualTo(1);

        HttpResponse<String> deployed = deployer.post("api/v1/deployments/prod", "{\"version\":\"churn/1\"}");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        assertThat(predict(reader)).isEqualTo("churn/1 2.0");
        JsonNode batch = json(reader.post("api/v1/predict/prod/batch", "{\"rows\":[[1.0],[2.0]]}"));
        List<String> batchAnswers = new ArrayList<>();
        for (JsonNode p : batch.get("predictions")) {
            batchAnswers.add(p.get("version").get("version").asInt() + " " + p.get("value").asDouble());
        }
        assertThat(batchAnswers).containsExactly("1 2.0", "1 2.0");
        assertThat(batch.get("predictions").get(0).get("requestId").asText()).isNotBlank()
                .isNotEqualTo(batch.get("predictions").get(1).get("requestId").asText());

        // A second version: canary, ramp to all traffic, promote; then roll back to the first.
        assertThat(train(writer, 5.0, 7.0)).isEqualTo(2);
        HttpResponse<String> canary = deployer.post("api/v1/deployments/prod", "{\"version\":\"churn/2\","
                + "\"strategy\":\"canary\",\"percent\":10}");
        assertThat(canary.statusCode()).as(canary.body()).isEqualTo(201);
        assertThat(deployer.post("api/v1/deployments/prod/ramp", "{\"percent\":100}").statusCode()).isEqualTo(200);
        HttpResponse<String> promoted = deployer.post("api/v1/deployments/prod/promote", "");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(predict(reader)).isEqualTo("churn/2 6.0");
        HttpResponse<String> rolledBack = deployer.post("api/v1/deployments/prod/rollback",
                "{\"reason\":\"e2e rollback\"}");
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
        assertThat(predict(reader)).isEqualTo("churn/1 2.0");

        // Who did it: the tokens' principals, not the registry's configured actor.
        HttpResponse<String> audit = f.as(Role.ADMIN).get("api/v1/audit");
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        List<String> registrations = new ArrayList<>();
        for (JsonNode e : json(audit)) {
            if (e.get("operation").asText().equals("register")) {
                registrations.add(e.get("actor").asText() + " " + e.get("model").asText() + "/"
                        + e.get("target").asText());
            }
        }
        assertThat(registrations).containsExactlyInAnyOrder("writer-user blob/1", "writer-user churn/1",
                "writer-user churn/2");
        assertThat(json(reader.get("api/v1/deployments/prod/history")).toString())
                .contains("deployer-user", "e2e rollback").doesNotContain("writer-user");
    }

    /** Trains a churn version whose labels alternate two values, following the job to done; answers its number. */
    private static int train(Http writer, double even, double odd) {
        String dataset = TrainingApiTest.uploadCsv(writer, even, odd);
        JsonNode job = TrainingApiTest.submit(writer, "churn", dataset, 5, 20);
        List<String> events = TrainingApiTest.events(writer, job.get("id").asText());
        assertThat(events).filteredOn(e -> e.startsWith("progress ")).isNotEmpty();
        String done = events.get(events.size() - 1);
        assertThat(done).startsWith("done ").contains("\"state\":\"SUCCEEDED\"");
        return json(writer.get("api/v1/models/churn/versions/latest")).get("version").asInt();
    }

    /** One single-row prediction, its headers checked against its body; answers "model/version value". */
    private static String predict(Http reader) {
        JsonNode p = answered(reader.post("api/v1/predict/prod", "{\"features\":[1.0]}"));
        return p.get("version").get("model").asText() + "/" + p.get("version").get("version").asInt() + " "
                + p.get("value").asDouble();
    }
}
