package dev.modelregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.security.NewToken;
import dev.modelregistry.server.security.Role;
import dev.modelregistry.server.security.TokenStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook for extra route groups: roles, principal as actor, JSON limits and per-prefix error formats. */
class RouteGroupTest {
    @TempDir
    Path dir;

    private static final RouteGroup GROUP = (routes, server) -> {
        server.errorFormat("/extra/", (ctx, error) -> ctx.status(error.status() == 409 ? 400 : error.status())
                .json(Map.of("error_code", error.code(), "message", error.message())));
        routes.get("/extra/whoami", ctx -> ctx.json(Map.of("principal", server.principal(ctx).name())));
        routes.get("/extra/missing", ctx -> {
            throw new NotFoundException("nothing here");
        });
        routes.post("/extra/tag", ctx -> {
            TagBody body = server.readJson(ctx, TagBody.class);
            server.registry().versions().setModelTag(body.model(), "k", "v");
            ctx.json(Map.of());
        }, Role.WRITER);
    };

    record TagBody(String model) {
    }

    @Test
    void a_route_group_gets_the_principal_as_the_audit_actor_and_its_own_error_format() {
        TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
        NewToken writer = tokens.create("alice", Role.WRITER);
        NewToken reader = tokens.create("bob", Role.READER);
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
                RegistryServer server = RegistryServer.start(registry, ServerOptions.builder()
                        .tokensFile(tokens.file()).routeGroup(GROUP).build())) {
            registry.versions().register("m", new byte[] {1, 2, 3},
                    dev.modelregistry.api.version.ModelMetadata.of("bytes"));
            Http http = new Http(server.uri());

            assertThat(http.get("health").statusCode()).isEqualTo(200);
            assertThat(http.get("extra/whoami").statusCode()).isEqualTo(401);
            assertThat(http.get("extra/whoami").body()).contains("\"error_code\":\"UNAUTHENTICATED\"");
            assertThat(http.withToken(reader.secret()).get("extra/whoami").body()).contains("\"bob\"");
            assertThat(http.withToken(reader.secret()).get("extra/missing").body())
                    .contains("\"error_code\":\"NOT_FOUND\"");
            assertThat(http.withToken(reader.secret()).post("extra/tag", "{\"model\":\"m\"}").statusCode())
                    .isEqualTo(403);
            assertThat(http.withToken(writer.secret()).post("extra/tag", "{\"model\":\"m\",\"x\":1}").body())
                    .contains("\"error_code\":\"INVALID\"");
            assertThat(http.withToken(writer.secret()).post("extra/tag", "{\"model\":\"m\"}").statusCode())
                    .isEqualTo(200);

            List<AuditEntry> audit = registry.audit().forModel("m");
            assertThat(audit.get(audit.size() - 1).actor()).isEqualTo("alice");
            assertThat(server.routes()).contains("GET /extra/whoami", "POST /extra/tag", "GET /health");
        }
    }
}
