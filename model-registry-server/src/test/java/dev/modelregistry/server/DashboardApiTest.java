package dev.modelregistry.server;

import static dev.modelregistry.server.RestApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.deployment.LinearTestCodec;
import dev.modelregistry.server.security.Role;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over plain HTTP: its page and assets are open and say whether a token is needed, the JSON it
 * reads needs the reader role, the live stream sends a snapshot at once, and the option turns the pages off while
 * the API stays.
 */
class DashboardApiTest extends ServerTestBase {
    @Test
    void the_page_and_its_assets_are_served_without_a_token_and_the_page_asks_for_one() {
        HttpResponse<String> page = f.anonymous().get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<meta name=\"tokens-required\" content=\"true\">");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p)
                .contains("default-src 'self'"));
        for (String asset : new String[] {"app.js", "api.js", "pages.js", "live.js", "charts.js", "format.js", "uplot.js"}) {
            HttpResponse<String> r = f.anonymous().get("dashboard/" + asset);
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/javascript"));
        }
        assertThat(f.anonymous().get("dashboard/uplot.css").body()).contains(".uplot");
        assertThat(f.anonymous().get("dashboard/..%2Fopenapi.json").statusCode()).isEqualTo(404);
        assertThat(f.anonymous().get("dashboard/index.html").statusCode()).isEqualTo(404);
    }

    @Test
    void whoami_alerts_and_health_need_a_reader_token_and_describe_the_caller_and_the_registry() {
        assertThat(f.anonymous().get("api/v1/whoami").statusCode()).isEqualTo(401);
        JsonNode me = json(f.as(Role.DEPLOYER).get("api/v1/whoami"));
        assertThat(me.get("principal").asText()).isEqualTo("deployer-user");
        assertThat(me.get("role").asText()).isEqualTo("deployer");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("reader", "writer", "deployer");

        f.registry.versions().register("churn", LinearTestCodec.artifact(1, 1, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT));
        JsonNode health = json(f.as(Role.READER).get("api/v1/registry/health"));
        assertThat(health.has("lastVerify")).isFalse();
        assertThat(health.get("storage").get("blobs").asInt()).isEqualTo(1);
        assertThat(health.get("models").asInt()).isEqualTo(1);
        assertThat(f.as(Role.ADMIN).post("api/v1/admin/verify", "").statusCode()).isEqualTo(200);
        assertThat(json(f.as(Role.READER).get("api/v1/registry/health")).get("lastVerify").get("healthy").asBoolean())
                .isTrue();

        JsonNode alerts = json(f.as(Role.READER).get("api/v1/alerts"));
        assertThat(alerts.get("open")).isEmpty();
        assertThat(alerts.get("past")).isEmpty();
    }

    @Test
    void the_live_stream_sends_a_snapshot_of_the_environment_at_once() throws Exception {
        f.registry.versions().register("churn", LinearTestCodec.artifact(100, 1, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT));
        f.registry.deployer().deploy(ModelRef.parse("churn/1"), "prod", DeploymentSpec.replace());
        f.registry.deployer().endpoint("prod").serve(new double[] {1, 2}, null);
        assertThat(f.anonymous().get("api/v1/monitoring/prod/stream").statusCode()).isEqualTo(401);
        Http reader = f.as(Role.READER);
        HttpResponse<java.util.stream.Stream<String>> r = reader.send(reader.request("api/v1/monitoring/prod/stream")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        try (java.util.stream.Stream<String> lines = r.body()) {
            String data = lines.dropWhile(l -> !l.equals("event: snapshot")).skip(1).findFirst().orElseThrow();
            assertThat(data).startsWith("data: ");
            JsonNode snapshot = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data.substring(6));
            assertThat(snapshot.get("environment").asText()).isEqualTo("prod");
            assertThat(snapshot.get("deployments").get(0).get("version").get("version").asInt()).isEqualTo(1);
            assertThat(snapshot.get("metrics").get(0).get("requests").asLong()).isEqualTo(1);
            assertThat(snapshot.get("history")).isNotEmpty();
            assertThat(snapshot.get("canary").get("decision").asText()).isEqualTo("NOTHING_TO_ANALYZE");
        }
    }

    @Test
    void the_canary_verdict_says_what_analysis_would_decide_with_its_numbers_and_changes_nothing() {
        var deployer = f.registry.deployer();
        f.deployFailingCanary("prod");
        assertThat(f.anonymous().get("api/v1/deployments/prod/canary").statusCode()).isEqualTo(401);
        JsonNode waiting = json(f.as(Role.READER).get("api/v1/deployments/prod/canary"));
        assertThat(waiting.get("decision").asText()).isEqualTo("WAIT");
        assertThat(waiting.get("reason").asText()).startsWith("too few requests to judge: canary 0, stable 0, need 50");

        f.serveIgnoringFailures("prod", 400);
        var history = deployer.history("prod");
        JsonNode verdict = json(f.as(Role.READER).get("api/v1/deployments/prod/canary"));

        assertThat(verdict.get("environment").asText()).isEqualTo("prod");
        assertThat(verdict.get("decision").asText()).isEqualTo("ROLLBACK");
        assertThat(verdict.get("reason").asText()).startsWith("failed on error rate: error rate 0.2");
        assertThat(verdict.get("headline").asText()).isEqualTo("failed on error rate");
        assertThat(verdict.get("reasons")).hasSize(4);
        assertThat(verdict.get("reasons").get(0).asText()).startsWith("error rate 0.2")
                .endsWith("vs stable 0.0000 (max +0.0500)");
        assertThat(verdict.get("nextStep").asText()).isEqualTo("Roll risk/2 back: risk/1 takes all traffic again.");
        assertThat(deployer.deployments("prod")).extracting(d -> d.version().version()).containsExactly(1, 2);
        assertThat(deployer.history("prod")).isEqualTo(history);
        assertThat(deployer.analyze("prod").reason()).as("what analysis then decides").isEqualTo(verdict.get("reason")
                .asText());
    }

    @Test
    void turned_off_the_pages_answer_404_and_the_api_stays() {
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("other"));
             RegistryServer server = RegistryServer.start(registry, ServerOptions.builder().dashboard(false).build())) {
            Http local = new Http(server.uri());
            assertThat(local.get("").statusCode()).isEqualTo(404);
            assertThat(local.get("dashboard/app.js").statusCode()).isEqualTo(404);
            JsonNode me = json(local.get("api/v1/whoami"));
            assertThat(me.get("principal").asText()).isEqualTo("local");
            assertThat(me.get("role").asText()).isEqualTo("admin");
            assertThat(server.routes()).doesNotContain("GET /").contains("GET /api/v1/whoami");
        }
    }

}
