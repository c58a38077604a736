package dev.modelregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.server.security.Role;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** verify, gc, export and import over real HTTP: admin only, the library's reports as JSON, archives streamed. */
class AdminApiTest extends ServerTestBase {
    @BeforeEach
    void register_versions() {
        f.registry.versions().register("churn", new byte[] {1, 2, 3}, ModelMetadata.of("bytes"));
        f.registry.versions().register("churn", new byte[] {4, 5}, ModelMetadata.of("bytes"));
        f.registry.versions().setAlias("churn", "champion", 1);
    }

    @Test
    void reader_and_writer_are_refused_every_admin_route_and_nothing_changes() {
        Map<String, String> before = f.fileHashes();
        for (Role role : List.of(Role.READER, Role.WRITER, Role.DEPLOYER)) {
            Http http = f.as(role);
            assertThat(http.post("api/v1/admin/verify", "").statusCode()).as(role + " verify").isEqualTo(403);
            assertThat(http.post("api/v1/admin/gc?grace=PT0S", "").statusCode()).as(role + " gc").isEqualTo(403);
            assertThat(http.get("api/v1/admin/export").statusCode()).as(role + " export").isEqualTo(403);
            assertThat(http.send(http.request("api/v1/admin/import")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})).build()).statusCode())
                    .as(role + " import").isEqualTo(403);
        }
        assertThat(f.fileHashes()).isEqualTo(before);
    }

    @Test
    void verify_answers_the_report_and_names_a_corrupted_blob() throws IOException {
        HttpResponse<String> healthy = f.as(Role.ADMIN).post("api/v1/admin/verify", "");
        assertThat(healthy.statusCode()).as(healthy.body()).isEqualTo(200);
        assertThat(RestApiTest.json(healthy).get("healthy").asBoolean()).isTrue();
        assertThat(RestApiTest.json(healthy).get("versionsChecked").asInt()).isEqualTo(2);

        Files.write(blobs().get(0), new byte[] {9, 9, 9});
        JsonNode broken = RestApiTest.json(f.as(Role.ADMIN).post("api/v1/admin/verify", ""));

        assertThat(broken.get("healthy").asBoolean()).isFalse();
        assertThat(broken.get("findings").get(0).get("kind").asText()).isEqualTo("CORRUPT_BLOB");
    }

    @Test
    void gc_removes_old_leftovers_and_rejects_a_malformed_grace() throws IOException {
        Path leftover = Files.write(f.root.resolve("tmp").resolve("upload-leftover.tmp"), new byte[10]);

        HttpResponse<String> bad = f.as(Role.ADMIN).post("api/v1/admin/gc?grace=soon", "");
        HttpResponse<String> r = f.as(Role.ADMIN).post("api/v1/admin/gc?grace=PT0S&force=true", "");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(RestApiTest.json(r).get("tempFilesRemoved").asInt()).isEqualTo(1);
        assertThat(RestApiTest.json(r).get("blobsRemoved").asInt()).isZero();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void export_streams_an_archive_that_imports_into_another_server_with_the_same_versions_and_digests()
            throws IOException {
        HttpResponse<Path> export = f.as(Role.ADMIN).send(f.as(Role.ADMIN).request("api/v1/admin/export").GET()
                .build(), HttpResponse.BodyHandlers.ofFile(dir.resolve("all.zip")));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("X-Content-SHA256")).contains(Fixture.sha256(export.body()));
        assertThat(export.headers().firstValue("X-Export-Report").orElseThrow()).contains("\"versions\":2");

        Path other = Files.createDirectories(dir.resolve("second"));
        try (Fixture second = new Fixture(other)) {
            Http admin = second.as(Role.ADMIN);
            HttpRequest.Builder post = admin.request("api/v1/admin/import").header("X-Content-SHA256",
                    Fixture.sha256(export.body()));
            HttpResponse<String> refused = admin.send(post.copy()
                    .POST(HttpRequest.BodyPublishers.ofFile(export.body())).build());
            HttpResponse<String> imported = admin.send(admin.request(
                    "api/v1/admin/import?allowUntrusted=restore%20drill&isolatedLoadCheck=false")
                    .POST(HttpRequest.BodyPublishers.ofFile(export.body())).build());

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(RestApiTest.json(refused).get("error").get("code").asText()).isEqualTo("UNTRUSTED");
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(RestApiTest.json(imported).get("versionsImported").asInt()).isEqualTo(2);
            for (ModelVersion v : f.registry.versions().versions("churn")) {
                ModelVersion copy = second.registry.versions().get(v.ref());
                assertThat(copy.artifact().digest()).isEqualTo(v.artifact().digest());
            }
            assertThat(second.registry.versions().get(dev.modelregistry.api.ModelRef.parse("churn@champion"))
                    .version()).isEqualTo(1);
            assertThat(second.registry.audit().query(java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Optional.empty(), 1000)).anyMatch(e -> e.actor().equals("admin-user"));
        }
    }

    @Test
    void import_with_a_wrong_digest_header_is_refused_and_changes_nothing() throws IOException {
        Map<String, String> before = f.fileHashes();
        Http admin = f.as(Role.ADMIN);

        HttpResponse<String> r = admin.send(admin.request("api/v1/admin/import").header("X-Content-SHA256",
                "0".repeat(64)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2})).build());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(RestApiTest.json(r).get("error").get("code").asText()).isEqualTo("DIGEST_MISMATCH");
        assertThat(f.fileHashes()).isEqualTo(before);
    }

    private List<Path> blobs() throws IOException {
        try (Stream<Path> files = Files.walk(f.root.resolve("blobs").resolve("sha256"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
