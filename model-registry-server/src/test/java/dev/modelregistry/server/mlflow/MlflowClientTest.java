package dev.modelregistry.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.ServerOptions;
import dev.modelregistry.server.security.Role;
import dev.modelregistry.server.security.TokenStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.ModelVersionStatus;
import org.mlflow.api.proto.ModelRegistry.ModelVersionTag;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.api.proto.ModelRegistry.RegisteredModelTag;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.ModelVersionsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * MLflow's own Java client ({@code org.mlflow:mlflow-client} 2.17.2) against a real server on a random loopback
 * port, over a real registry in a temporary directory: its typed reads, its {@code sendPost}/{@code sendPatch}
 * writes, and HTTP DELETE with a JSON body as MLflow's Python client sends it.
 */
class MlflowClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;
    private ModelRegistry registry;
    private RegistryServer server;
    private MlflowClient mlflow;
    private Path uploads;

    @BeforeEach
    void start() throws IOException {
        uploads = Files.createDirectories(dir.resolve("uploads"));
        registry = ModelRegistry.open(dir.resolve("registry"));
        server = RegistryServer.start(registry, ServerOptions.builder().routeGroup(MlflowRoutes.group(uploads))
                .build());
        mlflow = new MlflowClient("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        mlflow.close();
        server.close();
        registry.close();
    }

    @Test
    void the_mlflow_client_creates_reads_changes_and_deletes_models_versions_tags_and_aliases() throws Exception {
        // 1. create with description and tags: no version yet, still readable
        JsonNode created = post("registered-models/create", Map.of("name", "churn", "description", "churn model",
                "tags", List.of(Map.of("key", "team", "value", "risk"))));
        assertThat(created.at("/registered_model/name").asText()).isEqualTo("churn");
        // 2
        RegisteredModel empty = mlflow.getRegisteredModel("churn");
        assertThat(empty.getDescription()).isEqualTo("churn model");
        assertThat(empty.getLatestVersionsList()).isEmpty();
        assertThat(modelTags(empty)).containsEntry("team", "risk");

        // 3. the first version, from a file below the configured directory
        byte[] bytes = "weights v1".getBytes();
        Path file = Files.write(uploads.resolve("model.bin"), bytes);
        JsonNode v1 = post("model-versions/create", Map.of("name", "churn", "source", file.toUri().toString(),
                "run_id", "run-1", "tags", List.of(Map.of("key", "k", "value", "v"))));
        assertThat(v1.at("/model_version/version").isTextual()).isTrue();
        assertThat(v1.at("/model_version/version").asText()).isEqualTo("1");
        assertThat(v1.at("/model_version/status").asText()).isEqualTo("READY");
        // 4
        ModelVersion got = mlflow.getModelVersion("churn", "1");
        assertThat(got.getSource()).isEqualTo(file.toUri().toString());
        assertThat(got.getRunId()).isEqualTo("run-1");
        assertThat(got.getStatus()).isEqualTo(ModelVersionStatus.READY);
        assertThat(got.getCurrentStage()).isEqualTo("None");
        assertThat(versionTags(got)).containsEntry("k", "v");
        // 5. the pending model's description and tags moved into the registry with its first version
        RegisteredModel model = mlflow.getRegisteredModel("churn");
        assertThat(model.getDescription()).isEqualTo("churn model");
        assertThat(modelTags(model)).containsEntry("team", "risk");
        assertThat(registry.versions().model("churn").tags()).containsEntry("team", "risk");

        // 6. by digest of an artifact in storage; 7. from another version
        String digest = registry.versions().get(dev.modelregistry.api.ModelRef.version("churn", 1)).artifact()
                .digest().toString();
        assertThat(post("model-versions/create", Map.of("name", "churn", "source", digest))
                .at("/model_version/version").asText()).isEqualTo("2");
        assertThat(post("model-versions/create", Map.of("name", "churn", "source", "models:/churn/1"))
                .at("/model_version/version").asText()).isEqualTo("3");

        // 8, 9. aliases
        assertThat(post("registered-models/alias", Map.of("name", "churn", "alias", "champion", "version", "2"))
                .isEmpty()).isTrue();
        assertThat(JSON.readTree(mlflow.sendGet("registered-models/alias?name=churn&alias=champion"))
                .at("/model_version/version").asText()).isEqualTo("2");
        assertThat(mlflow.getRegisteredModel("churn").getAliasesList()).singleElement()
                .satisfies(a -> assertThat(a.getAlias() + "=" + a.getVersion()).isEqualTo("champion=2"));

        // 10, 11, 12. tags and descriptions
        post("model-versions/set-tag", Map.of("name", "churn", "version", "2", "key", "review", "value", "passed"));
        mlflow.sendPatch("model-versions/update", json(Map.of("name", "churn", "version", "2",
                "description", "retrained")));
        ModelVersion v2 = mlflow.getModelVersion("churn", "2");
        assertThat(versionTags(v2)).containsEntry("review", "passed").doesNotContainKey("mlflow.description");
        assertThat(v2.getDescription()).isEqualTo("retrained");
        mlflow.sendPatch("registered-models/update", json(Map.of("name", "churn", "description", "v2")));
        assertThat(mlflow.getRegisteredModel("churn").getDescription()).isEqualTo("v2");

        // 13. stages are the aliases production and staging; latest versions by GET (Java) and POST (Python)
        mlflow.sendPost("model-versions/transition-stage", json(Map.of("name", "churn", "version", "3",
                "stage", "Production", "archive_existing_versions", false)));
        assertThat(mlflow.getLatestVersions("churn", List.of("production"))).extracting(ModelVersion::getVersion)
                .containsExactly("3");
        assertThat(mlflow.getLatestVersions("churn")).extracting(v -> v.getVersion() + ":" + v.getCurrentStage())
                .containsExactly("2:None", "3:Production");
        assertThat(post("registered-models/get-latest-versions", Map.of("name", "churn", "stages",
                List.of("None"))).at("/model_versions/0/version").asText()).isEqualTo("2");
        mlflow.sendPost("model-versions/transition-stage", json(Map.of("name", "churn", "version", "3",
                "stage", "archived")));
        assertThat(mlflow.getModelVersion("churn", "3").getAliasesList()).doesNotContain("production");
        assertThat(mlflow.getLatestVersions("churn", List.of("Production"))).isEmpty();
        // an update without a description clears it, as in MLflow
        mlflow.sendPatch("model-versions/update", json(Map.of("name", "churn", "version", "2")));
        assertThat(mlflow.getModelVersion("churn", "2").getDescription()).isEmpty();

        // 14. search with pages; the last page has no token, so the client stops
        ModelVersionsPage first = mlflow.searchModelVersions("name = 'churn'", 2, List.of("version_number DESC"));
        assertThat(first.getItems()).extracting(ModelVersion::getVersion).containsExactly("3", "2");
        assertThat(first.hasNextPage()).isTrue();
        ModelVersionsPage last = (ModelVersionsPage) first.getNextPage();
        assertThat(last.getItems()).extracting(ModelVersion::getVersion).containsExactly("1");
        assertThat(last.hasNextPage()).isFalse();
        // 15
        assertThat(mlflow.searchModelVersions("tags.review = 'passed'").getItems())
                .extracting(ModelVersion::getVersion).containsExactly("2");
        // 16. registered-model search, form-encoded GET
        assertThat(JSON.readTree(mlflow.sendGet("registered-models/search?filter=name+LIKE+%27ch%25%27"))
                .at("/registered_models/0/name").asText()).isEqualTo("churn");

        // 17. the download URI names the version's artifact on the server's /api/v1
        // (and, as the Python client does for a models:/ source, it is a source to create a version from)
        String downloadUri = mlflow.getModelVersionDownloadUri("churn", "1");
        assertThat(downloadUri).isEqualTo("http://127.0.0.1:" + server.port()
                + "/api/v1/models/churn/versions/1/artifact");
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(downloadUri)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(dev.modelregistry.api.storage.ArtifactDigest.ofBytes(java.security.MessageDigest.getInstance("SHA-256")
                .digest(download.body())).toString()).isEqualTo(digest);
        assertThat(post("model-versions/create", Map.of("name", "churn-copy", "source", downloadUri))
                .at("/model_version/source").asText()).isEqualTo(downloadUri);
        assertThat(registry.versions().get(dev.modelregistry.api.ModelRef.version("churn-copy", 1)).artifact()
                .digest().toString()).isEqualTo(digest);

        // 18, 19. deletes are HTTP DELETE with a JSON body, and answer 200 with {}
        assertThat(delete("registered-models/alias", Map.of("name", "churn", "alias", "champion"))).isEqualTo("{}");
        assertThat(delete("model-versions/delete-tag", Map.of("name", "churn", "version", "2", "key", "review")))
                .isEqualTo("{}");
        assertThat(delete("registered-models/delete-tag", Map.of("name", "churn", "key", "team"))).isEqualTo("{}");
        assertThat(modelTags(mlflow.getRegisteredModel("churn"))).doesNotContainKey("team");
        assertThat(versionTags(mlflow.getModelVersion("churn", "2"))).doesNotContainKey("review");
        assertThat(status(() -> mlflow.sendGet("registered-models/alias?name=churn&alias=champion")))
                .isEqualTo("404 RESOURCE_DOES_NOT_EXIST");

        // 20. a deleted version's number is never given again
        assertThat(delete("model-versions/delete", Map.of("name", "churn", "version", "3"))).isEqualTo("{}");
        assertThat(status(() -> mlflow.getModelVersion("churn", "3"))).isEqualTo("404 RESOURCE_DOES_NOT_EXIST");
        assertThat(post("model-versions/create", Map.of("name", "churn", "source", "models:/churn/1"))
                .at("/model_version/version").asText()).isEqualTo("4");

        // 21, 22. rename, then delete the model
        assertThat(post("registered-models/rename", Map.of("name", "churn", "new_name", "churn2"))
                .at("/registered_model/name").asText()).isEqualTo("churn2");
        assertThat(mlflow.getRegisteredModel("churn2").getLatestVersionsList()).isNotEmpty();
        assertThat(delete("registered-models/delete", Map.of("name", "churn2"))).isEqualTo("{}");
        assertThat(status(() -> mlflow.getRegisteredModel("churn2"))).isEqualTo("404 RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void errors_carry_mlflow_codes_and_statuses_and_change_nothing() throws IOException {
        registry.versions().register("m", new byte[] {1, 2, 3}, ModelMetadata.of("bytes"));
        String create = json(Map.of("name", "fresh"));
        mlflow.sendPost("registered-models/create", create);

        // a duplicate: of a model created through MLflow, and of a model that has versions
        assertThat(status(() -> mlflow.sendPost("registered-models/create", create)))
                .isEqualTo("400 RESOURCE_ALREADY_EXISTS");
        assertThat(status(() -> mlflow.sendPost("registered-models/create", json(Map.of("name", "m")))))
                .isEqualTo("400 RESOURCE_ALREADY_EXISTS");
        assertThat(status(() -> mlflow.sendPost("registered-models/rename", json(Map.of("name", "fresh",
                "new_name", "m"))))).isEqualTo("400 RESOURCE_ALREADY_EXISTS");
        // missing
        assertThat(status(() -> mlflow.getRegisteredModel("nope"))).isEqualTo("404 RESOURCE_DOES_NOT_EXIST");
        assertThat(status(() -> mlflow.getModelVersion("m", "9"))).isEqualTo("404 RESOURCE_DOES_NOT_EXIST");
        assertThat(status(() -> mlflow.getLatestVersions("nope"))).isEqualTo("404 RESOURCE_DOES_NOT_EXIST");
        // invalid parameters
        assertThat(status(() -> mlflow.getModelVersion("m", "one"))).isEqualTo("400 INVALID_PARAMETER_VALUE");
        assertThat(status(() -> mlflow.getLatestVersions("m", List.of("Shipped"))))
                .isEqualTo("400 INVALID_PARAMETER_VALUE");
        assertThat(status(() -> mlflow.searchModelVersions("name == m"))).isEqualTo("400 INVALID_PARAMETER_VALUE");
        assertThat(status(() -> mlflow.sendPost("registered-models/create", json(Map.of("name", "../etc")))))
                .isEqualTo("400 INVALID_PARAMETER_VALUE");
        assertThat(status(() -> mlflow.sendPost("registered-models/create", json(Map.of()))))
                .isEqualTo("400 INVALID_PARAMETER_VALUE");
        // sources this server cannot read, a file outside the configured directory among them
        Path outside = Files.write(dir.resolve("outside.bin"), new byte[] {9});
        Path link = Files.createSymbolicLink(uploads.resolve("link.bin"), outside);
        for (String source : List.of("runs:/abc/model", "s3://bucket/model", outside.toUri().toString(),
                uploads.resolve("../outside.bin").toString(), link.toString(), uploads.toString())) {
            assertThat(status(() -> mlflow.sendPost("model-versions/create", json(Map.of("name", "m",
                    "source", source))))).as(source).isEqualTo("400 INVALID_PARAMETER_VALUE");
        }
        assertThat(status(() -> mlflow.sendGet("no-such-call"))).isEqualTo("404 ENDPOINT_NOT_FOUND");

        assertThat(registry.versions().versions("m")).hasSize(1);
        assertThat(registry.versions().models()).extracting(dev.modelregistry.api.version.ModelInfo::name)
                .containsExactly("m");
    }

    @Test
    void models_created_without_versions_page_rename_take_tags_and_delete_like_any_other() throws Exception {
        for (String name : List.of("a-model", "b-model", "c-model")) {
            mlflow.sendPost("registered-models/create", json(Map.of("name", name)));
        }
        registry.versions().register("d-model", new byte[] {7}, ModelMetadata.of("bytes"));

        // model search pages by name; the last page has no token
        JsonNode first = JSON.readTree(mlflow.sendGet("registered-models/search?max_results=3"));
        assertThat(first.get("registered_models")).extracting(n -> n.get("name").asText())
                .containsExactly("a-model", "b-model", "c-model");
        JsonNode last = JSON.readTree(mlflow.sendGet("registered-models/search?max_results=3&page_token="
                + first.get("next_page_token").asText()));
        assertThat(last.get("registered_models")).extracting(n -> n.get("name").asText())
                .containsExactly("d-model");
        assertThat(last.has("next_page_token")).isFalse();
        assertThat(JSON.readTree(mlflow.sendGet("registered-models/search?filter=name+ILIKE+%27B%25%27"))
                .get("registered_models")).extracting(n -> n.get("name").asText()).containsExactly("b-model");

        // an empty model renames, takes tags, has no latest versions, and deletes
        post("registered-models/rename", Map.of("name", "a-model", "new_name", "a2"));
        post("registered-models/set-tag", Map.of("name", "a2", "key", "owner", "value", "ops"));
        assertThat(modelTags(mlflow.getRegisteredModel("a2"))).containsEntry("owner", "ops");
        assertThat(mlflow.getLatestVersions("a2")).isEmpty();
        assertThat(status(() -> mlflow.getRegisteredModel("a-model"))).isEqualTo("404 RESOURCE_DOES_NOT_EXIST");
        assertThat(status(() -> mlflow.sendPost("registered-models/rename", json(Map.of("name", "b-model",
                "new_name", "a2"))))).isEqualTo("400 RESOURCE_ALREADY_EXISTS");
        assertThat(delete("registered-models/delete", Map.of("name", "a2"))).isEqualTo("{}");
        assertThat(status(() -> mlflow.getRegisteredModel("a2"))).isEqualTo("404 RESOURCE_DOES_NOT_EXIST");

        // a DELETE that carries its parameters in the query string instead of a body
        HttpResponse<String> byQuery = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + MlflowRoutes.PREFIX + "registered-models/delete?name=b-model")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byQuery.statusCode()).isEqualTo(200);
        assertThat(status(() -> mlflow.getRegisteredModel("b-model"))).isEqualTo("404 RESOURCE_DOES_NOT_EXIST");
        assertThat(registry.versions().models()).extracting(dev.modelregistry.api.version.ModelInfo::name)
                .containsExactly("d-model");
    }

    @Test
    void a_reader_token_reads_but_cannot_write_and_writes_are_audited_with_the_token_principal() throws Exception {
        TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
        String reader = tokens.create("rita", Role.READER).secret();
        String writer = tokens.create("wes", Role.WRITER).secret();
        Files.write(uploads.resolve("a.bin"), new byte[] {4, 2});
        try (RegistryServer secured = RegistryServer.start(registry, ServerOptions.builder()
                .tokensFile(tokens.file()).routeGroup(MlflowRoutes.group(uploads)).build());
                MlflowClient asReader = client(secured, reader);
                MlflowClient asWriter = client(secured, writer)) {
            String create = json(Map.of("name", "m", "source", uploads.resolve("a.bin").toString()));
            assertThat(status(() -> asReader.sendPost("model-versions/create", create)))
                    .isEqualTo("403 PERMISSION_DENIED");
            assertThat(registry.versions().models()).isEmpty();

            asWriter.sendPost("model-versions/create", create);
            assertThat(registry.audit().forModel("m")).last().extracting(AuditEntry::actor).isEqualTo("wes");
            // get-latest-versions by POST (as Python sends it) is a read
            assertThat(JSON.readTree(asReader.sendPost("registered-models/get-latest-versions",
                    json(Map.of("name", "m")))).at("/model_versions/0/version").asText()).isEqualTo("1");
            assertThat(asReader.getModelVersion("m", "1").getUserId()).isEqualTo("wes");
        }
    }

    private static MlflowClient client(RegistryServer on, String token) {
        return new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + on.port(), token));
    }

    /** "STATUS ERROR_CODE" of the call's failure, from MLflow's exception and body. */
    private static String status(Runnable call) {
        MlflowHttpException e = catchThrowableOfType(MlflowHttpException.class, call::run);
        assertThat(e).as("the call failed").isNotNull();
        try {
            JsonNode body = JSON.readTree(e.getBodyMessage());
            assertThat(body.has("message")).isTrue();
            return e.getStatusCode() + " " + body.get("error_code").asText();
        } catch (IOException io) {
            throw new AssertionError("not JSON: " + e.getBodyMessage(), io);
        }
    }

    private JsonNode post(String path, Map<String, ?> body) throws IOException {
        return JSON.readTree(mlflow.sendPost(path, json(body)));
    }

    /** DELETE with a JSON body, which the Java client cannot send (MLflow's Python client does). */
    private String delete(String path, Map<String, ?> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + MlflowRoutes.PREFIX + path)).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json(body))).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> modelTags(RegisteredModel m) {
        return m.getTagsList().stream().collect(Collectors.toMap(RegisteredModelTag::getKey,
                RegisteredModelTag::getValue));
    }

    private static Map<String, String> versionTags(ModelVersion v) {
        return v.getTagsList().stream().collect(Collectors.toMap(ModelVersionTag::getKey, ModelVersionTag::getValue));
    }
}
