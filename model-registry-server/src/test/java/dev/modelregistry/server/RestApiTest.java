package dev.modelregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.security.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /api/v1 catalogue routes over real HTTP: register by upload, read, tag, alias, search, audit. */
class RestApiTest extends ServerTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Http writer;

    @BeforeEach
    void writer() {
        writer = f.as(Role.WRITER);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static HttpResponse<String> upload(Http http, String model, byte[] bytes, String expectedSha) {
        HttpRequest.Builder b = http.request("api/v1/models/" + model + "/versions?format=bytes&description=d")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (expectedSha != null) {
            b.header("X-Content-SHA256", expectedSha);
        }
        return http.send(b.build());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Fixture.digest().digest(bytes));
    }

    @Test
    void an_upload_registers_a_version_and_the_download_returns_its_bytes_and_digest() {
        byte[] bytes = "model bytes".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> created = upload(writer, "churn", bytes, sha256(bytes));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("version").asInt()).isEqualTo(1);
        assertThat(json(created).get("createdBy").asText()).isEqualTo("writer-user");
        assertThat(created.headers().firstValue("X-Content-SHA256")).hasValue(sha256(bytes));

        HttpResponse<byte[]> download = f.as(Role.READER).send(f.as(Role.READER)
                .request("api/v1/models/churn/versions/1/artifact").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(download.headers().firstValue("X-Content-SHA256")).hasValue(sha256(bytes));
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(bytes.length);
    }

    @Test
    void an_upload_whose_bytes_differ_from_the_promised_digest_registers_nothing() {
        byte[] bytes = "model bytes".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = upload(writer, "churn", bytes, sha256("other".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("DIGEST_MISMATCH");
        assertThat(f.registry.versions().models()).isEmpty();
        assertThat(f.as(Role.READER).get("api/v1/models/churn").statusCode()).isEqualTo(404);
    }

    @Test
    void models_versions_tags_metrics_and_aliases_with_history_and_rollback() {
        for (int i = 1; i <= 3; i++) {
            assertThat(upload(writer, "churn", new byte[] {(byte) i}, null).statusCode()).isEqualTo(201);
        }
        assertThat(writer.put("api/v1/models/churn/tags/team", "{\"value\":\"risk\"}").statusCode()).isEqualTo(200);
        assertThat(writer.put("api/v1/models/churn/versions/2/tags/stage", "{\"value\":\"qa\"}").statusCode())
                .isEqualTo(200);
        assertThat(writer.put("api/v1/models/churn/versions/2/metrics", "{\"metrics\":{\"auc\":0.91}}").statusCode())
                .isEqualTo(200);
        assertThat(writer.put("api/v1/models/churn/aliases/champion", "{\"version\":1}").statusCode()).isEqualTo(200);
        assertThat(writer.put("api/v1/models/churn/aliases/champion", "{\"version\":2}").statusCode()).isEqualTo(200);

        Http reader = f.as(Role.READER);
        JsonNode model = json(reader.get("api/v1/models/churn"));
        assertThat(model.get("tags").get("team").asText()).isEqualTo("risk");
        assertThat(model.get("aliases").get("champion").asInt()).isEqualTo(2);
        assertThat(model.get("latestVersion").asInt()).isEqualTo(3);
        JsonNode champion = json(reader.get("api/v1/models/churn/versions/champion"));
        assertThat(champion.get("version").asInt()).isEqualTo(2);
        assertThat(champion.get("tags").get("stage").asText()).isEqualTo("qa");
        assertThat(champion.get("metadata").get("metrics").get("auc").asDouble()).isEqualTo(0.91);
        assertThat(json(reader.get("api/v1/models/churn/versions/latest")).get("version").asInt()).isEqualTo(3);
        assertThat(json(reader.get("api/v1/models/churn/versions")).size()).isEqualTo(3);
        assertThat(json(reader.get("api/v1/models/churn/aliases/champion/history")).size()).isEqualTo(2);

        JsonNode rolledBack = json(writer.post("api/v1/models/churn/aliases/champion/rollback", ""));
        assertThat(rolledBack.get("version").asInt()).isEqualTo(1);
        assertThat(json(reader.get("api/v1/models/churn/aliases")).get("champion").asInt()).isEqualTo(1);

        HttpResponse<String> missing = reader.get("api/v1/models/churn/versions/9");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":\"NOT_FOUND\"");
        assertThat(writer.put("api/v1/models/churn/aliases/champion", "{\"version\":9}").statusCode())
                .isEqualTo(404);
        assertThat(f.as(Role.ADMIN).delete("api/v1/models/churn/versions/3").statusCode()).isEqualTo(200);
        assertThat(json(reader.get("api/v1/models/churn/versions")).size()).isEqualTo(2);

        JsonNode audit = json(f.as(Role.ADMIN).get("api/v1/audit?model=churn"));
        Set<String> actors = new HashSet<>();
        audit.forEach(e -> actors.add(e.get("actor").asText()));
        assertThat(actors).containsExactlyInAnyOrder("writer-user", "admin-user");
    }

    @Test
    void documents_compare_rename_and_delete_round_trip() {
        upload(writer, "churn", new byte[] {1}, null);
        upload(writer, "churn", new byte[] {2}, null);
        assertThat(writer.put("api/v1/models/churn/versions/1/documents/card", "{\"owner\":\"risk\",\"n\":[1,2]}")
                .statusCode()).isEqualTo(200);
        Http reader = f.as(Role.READER);
        assertThat(json(reader.get("api/v1/models/churn/versions/1/documents")).toString()).contains("card");
        JsonNode card = json(reader.get("api/v1/models/churn/versions/1/documents/card"));
        assertThat(card.get("owner").asText()).isEqualTo("risk");
        assertThat(reader.get("api/v1/models/churn/versions/1/documents/none").statusCode()).isEqualTo(404);

        HttpResponse<String> compare = reader.get("api/v1/models/churn/compare?from=1&to=2");
        assertThat(compare.statusCode()).as(compare.body()).isEqualTo(200);
        assertThat(reader.get("api/v1/models/churn/compare?from=1").statusCode()).isEqualTo(400);

        HttpResponse<String> renamed = writer.post("api/v1/models/churn/rename", "{\"to\":\"attrition\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).get("name").asText()).isEqualTo("attrition");
        assertThat(reader.get("api/v1/models/churn").statusCode()).isEqualTo(404);
        upload(writer, "other", new byte[] {3}, null);
        HttpResponse<String> taken = writer.post("api/v1/models/attrition/rename", "{\"to\":\"other\"}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);

        assertThat(writer.delete("api/v1/models/attrition").statusCode()).isEqualTo(403);
        assertThat(f.as(Role.ADMIN).delete("api/v1/models/attrition").statusCode()).isEqualTo(200);
        // A deleted model has no live versions to list (404), but its history keeps them.
        assertThat(reader.get("api/v1/models/attrition/versions").statusCode()).isEqualTo(404);
        assertThat(json(reader.get("api/v1/models/attrition/versions?includeDeleted=true")).size()).isEqualTo(2);
    }

    @Test
    void search_pages_through_every_version_once() {
        for (int i = 0; i < 7; i++) {
            upload(writer, "m" + (i % 3), new byte[] {(byte) i}, null);
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String url = "api/v1/search?name=m*&pageSize=3&order=name_then_version" + (token == null ? "" : "&pageToken="
                    + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
            JsonNode page = json(f.as(Role.READER).get(url));
            page.get("items").forEach(v -> assertThat(seen.add(v.get("model").asText() + "/"
                    + v.get("version").asInt())).isTrue());
            token = page.has("nextPageToken") ? page.get("nextPageToken").asText() : null;
            pages++;
        } while (token != null);
        assertThat(seen).hasSize(7);
        assertThat(pages).isEqualTo(3);
        assertThat(f.as(Role.READER).get("api/v1/search?pageSize=0").statusCode()).isEqualTo(400);
    }

    @Test
    void health_readiness_and_metrics_answer() {
        assertThat(f.anonymous().get("health").statusCode()).isEqualTo(200);
        assertThat(f.anonymous().get("ready").body()).contains("READY");
        f.as(Role.READER).get("api/v1/models");
        HttpResponse<String> metrics = f.as(Role.READER).get("metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("modelregistry_http_requests_seconds_count");
        assertThat(f.anonymous().get("metrics").statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = f.as(Role.READER).get("api/v1/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"NOT_FOUND\"");
    }
}
