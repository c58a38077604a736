package dev.modelregistry.server;

import static dev.modelregistry.server.RestApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.deployment.LinearTestCodec;
import dev.modelregistry.server.security.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deploy, ramp, predict (single and batch, with a routing key), promote, rollback, undeploy and status over
 * HTTP. Version n's model (core's LinearTestCodec) answers n*100 plus the features' sum, so the value
 * itself says which version answered, independently of what the server reports.
 */
class DeploymentApiTest extends ServerTestBase {
    private Http deployer;

    @BeforeEach
    void register_two_versions() {
        for (int v = 1; v <= 2; v++) {
            f.registry.versions().register("churn", LinearTestCodec.artifact(v * 100, 1, 0, 0), ModelMetadata.of(
                    LinearTestCodec.FORMAT));
        }
        deployer = f.as(Role.DEPLOYER);
    }

    private JsonNode predict(String routingKey) {
        HttpRequest.Builder b = f.as(Role.READER).request("api/v1/predict/prod")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"features\":[1.0,2.0]}"));
        if (routingKey != null) {
            b.header("X-Routing-Key", routingKey);
        }
        JsonNode p = answered(f.as(Role.READER).send(b.build()));
        assertThat(p.get("value").asDouble()).isEqualTo(p.get("version").get("version").asInt() * 100 + 3.0);
        return p;
    }

    /**
     * Checks a single prediction's response: 200, and the {@code X-Request-Id} and {@code X-Model-Version}
     * headers agreeing with the body; answers the body.
     */
    static JsonNode answered(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode p = json(r);
        assertThat(p.get("requestId").asText()).isNotBlank();
        assertThat(r.headers().firstValue("X-Request-Id")).hasValue(p.get("requestId").asText());
        assertThat(r.headers().firstValue("X-Model-Version")).hasValue(p.get("version").get("model").asText()
                + "/" + p.get("version").get("version").asInt());
        return p;
    }

    @Test
    void deploy_predict_canary_promote_rollback_and_undeploy() {
        assertThat(predictStatus()).isEqualTo(404);
        HttpResponse<String> deployed = deployer.post("api/v1/deployments/prod", "{\"version\":\"churn/1\"}");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        assertThat(predict(null).get("version").get("version").asInt()).isEqualTo(1);

        assertThat(deployer.post("api/v1/deployments/prod", "{\"version\":\"churn/2\",\"strategy\":\"canary\","
                + "\"percent\":50}").statusCode()).isEqualTo(201);
        // Sticky routing: one key always lands on the same version; across many keys both versions answer.
        int first = predict("user-7").get("version").get("version").asInt();
        for (int i = 0; i < 5; i++) {
            assertThat(predict("user-7").get("version").get("version").asInt()).isEqualTo(first);
        }
        java.util.Set<Integer> versions = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            versions.add(predict("key-" + i).get("version").get("version").asInt());
        }
        assertThat(versions).containsExactlyInAnyOrder(1, 2);

        assertThat(deployer.post("api/v1/deployments/prod/ramp", "{\"percent\":100}").statusCode()).isEqualTo(200);
        HttpResponse<String> promoted = deployer.post("api/v1/deployments/prod/promote", "");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(predict("user-7").get("version").get("version").asInt()).isEqualTo(2);

        JsonNode status = json(f.as(Role.READER).get("api/v1/deployments/prod"));
        assertThat(status.get("deployments").get(0).get("version").get("version").asInt()).isEqualTo(2);

        HttpResponse<String> rolledBack = deployer.post("api/v1/deployments/prod/rollback",
                "{\"reason\":\"bad canary\"}");
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
        assertThat(predict(null).get("version").get("version").asInt()).isEqualTo(1);
        assertThat(json(f.as(Role.READER).get("api/v1/deployments/prod/history")).toString())
                .contains("deployer-user", "bad canary");

        JsonNode batch = json(f.as(Role.READER).post("api/v1/predict/prod/batch",
                "{\"rows\":[[1.0],[2.0]],\"routingKeys\":[\"a\",\"b\"]}"));
        assertThat(batch.get("predictions").size()).isEqualTo(2);
        assertThat(batch.get("predictions").get(1).get("value").asDouble()).isEqualTo(102.0);

        String requestId = predict(null).get("requestId").asText();
        assertThat(json(f.as(Role.WRITER).post("api/v1/outcomes", "{\"requestId\":\"" + requestId
                + "\",\"actual\":100.0}")).get("recorded").asBoolean()).isTrue();
        assertThat(f.as(Role.READER).get("api/v1/monitoring/prod").statusCode()).isEqualTo(200);
        assertThat(f.as(Role.READER).get("api/v1/monitoring/prod/alerts").statusCode()).isEqualTo(200);
        JsonNode aggregate = json(f.as(Role.READER).get("api/v1/monitoring/prod/aggregate"));
        assertThat(aggregate.get("hosts")).hasSize(1);
        assertThat(aggregate.get("versions").findValues("requests").stream().mapToLong(JsonNode::asLong).sum())
                .as(aggregate.toString()).isPositive();

        assertThat(deployer.delete("api/v1/deployments/prod").statusCode()).isEqualTo(200);
        assertThat(predictStatus()).isEqualTo(404);
    }

    @Test
    void a_canary_deployed_with_a_policy_keeps_it_each_field_replacing_a_default_and_a_bad_one_is_400() {
        assertThat(deployer.post("api/v1/deployments/prod", "{\"version\":\"churn/1\"}").statusCode()).isEqualTo(201);
        String canary = "{\"version\":\"churn/2\",\"strategy\":\"canary\",\"steps\":[10,50],\"policy\":";
        HttpResponse<String> unknown = deployer.post("api/v1/deployments/prod", canary + "{\"maxErrors\":1}}");
        HttpResponse<String> outOfRange = deployer.post("api/v1/deployments/prod", canary
                + "{\"maxLatencyRatio\":0.5}}");
        assertThat(f.registry.deployer().deployments("prod")).as("refusals change nothing").hasSize(1);

        HttpResponse<String> deployed = deployer.post("api/v1/deployments/prod", canary
                + "{\"minRequests\":50,\"maxErrorRateDelta\":0.1,\"minOutcomes\":20}}");

        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(outOfRange.statusCode()).as(outOfRange.body()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("maxLatencyRatio");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        CanaryPolicy expected = CanaryPolicy.defaults().withMinRequests(50).withMaxErrorRateDelta(0.1)
                .withLiveAccuracy(20, CanaryPolicy.DEFAULT_LIVE_ACCURACY_ALPHA);
        assertThat(f.registry.deployer().deployments("prod")).filteredOn(d -> d.state() == DeploymentState.CANARY)
                .singleElement().satisfies(d -> assertThat(d.spec().policy()).hasValue(expected));
        assertThat(json(deployed).get("spec").get("policy").get("minRequests").asLong()).isEqualTo(50);

        assertThat(deployer.post("api/v1/deployments/prod/rollback", "{\"reason\":\"next\"}").statusCode())
                .isEqualTo(200);
        assertThat(deployer.post("api/v1/deployments/prod", canary + "{}}").statusCode()).isEqualTo(201);
        assertThat(f.registry.deployer().deployments("prod")).filteredOn(d -> d.state() == DeploymentState.CANARY)
                .singleElement().satisfies(d -> assertThat(d.spec().policy()).hasValue(CanaryPolicy.defaults()));
    }

    @Test
    void an_illegal_move_is_409_and_a_bad_strategy_400() {
        HttpResponse<String> promote = deployer.post("api/v1/deployments/prod/promote", "");
        assertThat(promote.statusCode()).as(promote.body()).isIn(404, 409);
        HttpResponse<String> bad = deployer.post("api/v1/deployments/prod", "{\"version\":\"churn/1\","
                + "\"strategy\":\"yolo\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(deployer.post("api/v1/deployments/prod", "{\"version\":\"churn/1\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> ramp = deployer.post("api/v1/deployments/prod/ramp", "{\"percent\":30}");
        assertThat(ramp.statusCode()).as(ramp.body()).isEqualTo(409);
        assertThat(ramp.body()).contains("\"code\":\"CONFLICT\"");
    }

    @Test
    void alerts_arrive_as_server_sent_events() throws Exception {
        f.registry.monitoring().setRules(dev.modelregistry.api.monitoring.AlertRules.defaults().withMinRequests(1)
                .withMaxErrorRate(0.0).withCooldown(java.time.Duration.ZERO));
        // Version 3 fails every second call.
        f.registry.versions().register("churn", LinearTestCodec.artifact(300, 1, 2, 0), ModelMetadata.of(
                LinearTestCodec.FORMAT));
        assertThat(deployer.post("api/v1/deployments/prod", "{\"version\":\"churn/3\"}").statusCode())
                .isEqualTo(201);
        Http reader = f.as(Role.READER);
        HttpResponse<java.util.stream.Stream<String>> stream = reader.send(reader.request("api/v1/alerts/stream")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        java.util.concurrent.CompletableFuture<String> alert = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try (java.util.stream.Stream<String> lines = stream.body()) {
                        return lines.dropWhile(l -> !l.equals("event: alert")).skip(1).findFirst().orElse("");
                    }
                });
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(reader.post("api/v1/predict/prod", "{\"features\":[1.0]}").statusCode());
        }
        assertThat(statuses).containsOnly(200, 500).contains(500);
        assertThat(json(reader.get("api/v1/monitoring/prod/alerts")).size()).isPositive();
        assertThat(alert.get(30, java.util.concurrent.TimeUnit.SECONDS)).startsWith("data: ")
                .contains("\"environment\":\"prod\"");
    }

    private int predictStatus() {
        return f.as(Role.READER).post("api/v1/predict/prod", "{\"features\":[1.0]}").statusCode();
    }
}
