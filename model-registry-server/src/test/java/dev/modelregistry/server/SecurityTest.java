package dev.modelregistry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.security.NewToken;
import dev.modelregistry.server.security.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security cases against a real server: each refused request gets its status and JSON code, and
 * leaves every file of the registry byte-for-byte as it was.
 */
class SecurityTest extends ServerTestBase {
    @Override
    ServerOptions.Builder options() {
        return ServerOptions.builder().maxBodyBytes(64 * 1024).maxJsonDepth(32);
    }

    @BeforeEach
    void register_a_model() {
        f.registry.versions().register("churn", new byte[] {1, 2, 3}, ModelMetadata.of("bytes"));
        f.registry.versions().setAlias("churn", "champion", 1);
    }

    private HttpResponse<String> refusedWithoutChange(Function<Fixture, HttpResponse<String>> call) {
        Map<String, String> before = f.fileHashes();
        HttpResponse<String> response = call.apply(f);
        assertThat(f.fileHashes()).isEqualTo(before);
        return response;
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains("\"code\":\"" + code + "\"");
    }

    @Test
    void no_token_is_401_and_changes_nothing() {
        HttpResponse<String> r = refusedWithoutChange(x -> x.anonymous().put(
                "api/v1/models/churn/tags/owner", "{\"value\":\"mallory\"}"));
        assertError(r, 401, "UNAUTHENTICATED");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertError(f.anonymous().get("api/v1/models"), 401, "UNAUTHENTICATED");
        assertError(f.anonymous().withToken("mrt_0123456789abcdef_forged").get("api/v1/models"), 401,
                "UNAUTHENTICATED");
    }

    @Test
    void a_wrong_role_is_403_and_changes_nothing() {
        assertError(refusedWithoutChange(x -> x.as(Role.READER).put("api/v1/models/churn/aliases/champion",
                "{\"version\":1}")), 403, "FORBIDDEN");
        assertError(refusedWithoutChange(x -> x.as(Role.WRITER).post("api/v1/deployments/prod",
                "{\"version\":\"churn/1\"}")), 403, "FORBIDDEN");
        assertError(refusedWithoutChange(x -> x.as(Role.DEPLOYER).delete("api/v1/models/churn")), 403,
                "FORBIDDEN");
        assertError(refusedWithoutChange(x -> x.as(Role.DEPLOYER).get("api/v1/audit")), 403, "FORBIDDEN");
        assertThat(f.as(Role.READER).get("api/v1/models/churn").statusCode()).isEqualTo(200);
    }

    @Test
    void path_traversal_in_a_name_is_400_and_changes_nothing() {
        for (String path : new String[] {"api/v1/models/..%2F..%2Fetc/tags/owner",
                "api/v1/models/%2E%2E/tags/owner", "api/v1/models/churn%00x/tags/owner",
                "api/v1/models/churn/tags/..%2Fregistry.db"}) {
            // A client of its own per request: Jetty answers a NUL in the path itself (400, HTML) and closes
            // the connection, which a pooled client could otherwise reuse for the next request.
            HttpResponse<String> r = refusedWithoutChange(x -> x.as(Role.ADMIN).isolated().put(path,
                    "{\"value\":\"v\"}"));
            assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(400);
        }
        assertError(refusedWithoutChange(x -> x.as(Role.ADMIN).isolated().send(x.as(Role.ADMIN)
                .request("api/v1/models/..evil/versions?format=bytes")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {9})).build())), 400, "INVALID");
    }

    @Test
    void an_oversize_body_is_413_and_changes_nothing() {
        String big = "{\"value\":\"" + "x".repeat(100 * 1024) + "\"}";
        assertError(refusedWithoutChange(x -> x.as(Role.ADMIN).put("api/v1/models/churn/tags/owner", big)), 413,
                "TOO_LARGE");
        // Without a Content-Length (chunked), the limit applies while reading.
        HttpRequest chunked = f.as(Role.ADMIN).request("api/v1/models/churn/tags/owner")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        big.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build();
        assertError(refusedWithoutChange(x -> x.as(Role.ADMIN).send(chunked)), 413, "TOO_LARGE");
    }

    @Test
    void deeply_nested_json_is_400_and_changes_nothing() {
        String deep = "{\"value\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertError(refusedWithoutChange(x -> x.as(Role.ADMIN).put("api/v1/models/churn/tags/owner", deep)), 400,
                "INVALID");
        assertError(refusedWithoutChange(x -> x.as(Role.ADMIN).put("api/v1/models/churn/versions/1/documents/card",
                "{\"a\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(101))), 400, "INVALID");
        assertError(refusedWithoutChange(x -> x.as(Role.ADMIN).put("api/v1/models/churn/tags/owner",
                "{\"value\":\"v\",\"unexpected\":1}")), 400, "INVALID");
    }

    @Test
    void a_revoked_token_is_401_and_changes_nothing() {
        NewToken token = f.tokens.create("carol", Role.WRITER);
        Http carol = f.anonymous().withToken(token.secret());
        assertThat(carol.put("api/v1/models/churn/tags/owner", "{\"value\":\"carol\"}").statusCode())
                .isEqualTo(200);
        f.tokens.revoke(token.info().id());
        assertError(refusedWithoutChange(x -> carol.put("api/v1/models/churn/tags/owner", "{\"value\":\"c2\"}")),
                401, "UNAUTHENTICATED");
        assertThat(f.registry.versions().model("churn").tags()).containsEntry("owner", "carol");
    }

    @Test
    void mutating_calls_are_audited_with_the_tokens_principal() {
        f.as(Role.WRITER).put("api/v1/models/churn/tags/owner", "{\"value\":\"w\"}");
        f.as(Role.DEPLOYER).put("api/v1/models/churn/aliases/staging", "{\"version\":1}");
        assertThat(f.registry.audit().forModel("churn")).extracting(e -> e.operation() + ":" + e.actor())
                .contains("set-model-tag:writer-user", "set-alias:deployer-user");
    }

    @Test
    void the_token_store_keeps_only_hashes() throws Exception {
        NewToken token = f.tokens.create("dave", Role.ADMIN);
        String file = Files.readString(f.tokens.file());
        assertThat(file).doesNotContain(token.secret()).contains(token.info().id());
        assertThat(token.secret()).matches("mrt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(f.tokens.list()).extracting(t -> t.principal()).contains("dave", "admin-user");
        assertThat(f.tokens.authenticate(token.secret())).isPresent();
        assertThat(f.tokens.authenticate(token.secret() + "x")).isEmpty();
        assertThat(token.toString()).doesNotContain(token.secret());
    }

    @Test
    void cors_is_off_unless_configured() {
        HttpResponse<String> r = f.anonymous().send(f.anonymous().request("health")
                .header("Origin", "https://evil.example").GET().build());
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void binding_a_non_loopback_address_without_tokens_is_refused() throws Exception {
        try (ModelRegistry other = ModelRegistry.open(dir.resolve("other"))) {
            assertThatThrownBy(() -> RegistryServer.start(other, ServerOptions.builder().host("0.0.0.0").build()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("without tokens");
        }
    }
}
