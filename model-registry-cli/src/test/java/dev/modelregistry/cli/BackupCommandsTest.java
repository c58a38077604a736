package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandsTest {
    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("registry"));
        Path artifact = Files.write(dir.resolve("model.bin"), new byte[] {1, 2, 3});
        Path other = Files.write(dir.resolve("other.bin"), new byte[] {4, 5});
        cli.run("register", artifact.toString(), "--name", "churn", "--alias", "champion");
        cli.run("register", other.toString(), "--name", "churn");
        cli.run("register", other.toString(), "--name", "fraud");
    }

    @Test
    void export_of_one_model_writes_an_archive_and_reports_it() {
        Path archive = dir.resolve("churn.zip");

        Cli.Result r = cli.run("export", "churn", "-o", archive.toString(), "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(archive).isRegularFile();
        JsonNode report = r.json();
        assertThat(report.get("archive").asText()).isEqualTo(archive.toAbsolutePath().toString());
        assertThat(report.get("models").asInt()).isEqualTo(1);
        assertThat(report.get("versions").asInt()).isEqualTo(2);
        assertThat(report.get("blobs").asInt()).isEqualTo(2);
        assertThat(report.get("artifactBytes").asLong()).isEqualTo(5);
    }

    @Test
    void export_needs_exactly_one_of_a_name_and_all() {
        assertThat(cli.run("export", "-o", dir.resolve("a.zip").toString()).exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.run("export", "churn", "--all", "-o", dir.resolve("a.zip").toString()).exitCode())
                .isEqualTo(ExitCodes.INVALID);
    }

    @Test
    void export_of_a_missing_model_exits_not_found() {
        assertThat(cli.run("export", "nope", "-o", dir.resolve("a.zip").toString()).exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void import_of_another_registrys_archive_is_refused_as_untrusted_and_accepted_with_a_reason() {
        Path archive = dir.resolve("all.zip");
        assertThat(cli.run("export", "--all", "--versions", "1", "-o", archive.toString()).exitCode())
                .isEqualTo(ExitCodes.INVALID);
        assertThat(cli.run("export", "--all", "-o", archive.toString()).exitCode()).isZero();
        Cli target = new Cli(dir.resolve("target"));

        Cli.Result refused = target.run("import", archive.toString(), "--json");
        Cli.Result accepted = target.run("import", archive.toString(), "--allow-untrusted", "restore drill",
                "--json");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.UNTRUSTED);
        assertThat(refused.errorJson().get("code").asText()).isEqualTo("UNTRUSTED");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(accepted.json().get("modelsCreated").asInt()).isEqualTo(2);
        assertThat(accepted.json().get("versionsImported").asInt()).isEqualTo(3);
        assertThat(accepted.json().get("aliasesSet").asInt()).isEqualTo(1);
        assertThat(target.run("show", "churn@champion", "--json").json().get("size").asLong()).isEqualTo(3);
    }

    @Test
    void import_of_its_own_archive_is_trusted_and_changes_nothing() {
        Path archive = dir.resolve("churn.zip");
        cli.run("export", "churn", "-o", archive.toString());

        Cli.Result r = cli.run("import", archive.toString(), "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get("versionsImported").asInt()).isZero();
        assertThat(r.json().get("versionsUnchanged").asInt()).isEqualTo(2);
    }

    @Test
    void import_of_a_file_that_is_not_an_archive_exits_invalid() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");

        Cli.Result r = cli.run("import", junk.toString(), "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.errorJson().get("code").asText()).isEqualTo("INVALID");
    }

    @Test
    void verify_of_a_healthy_registry_exits_ok() {
        Cli.Result r = cli.run("verify", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get("healthy").asBoolean()).isTrue();
        assertThat(r.json().get("versionsChecked").asInt()).isEqualTo(3);
        assertThat(r.json().get("findings")).isEmpty();
        assertThat(cli.run("verify").out()).startsWith("healthy: 3 version(s)");
    }

    @Test
    void verify_of_a_corrupted_artifact_exits_integrity_and_names_the_blob() throws IOException {
        Path blob = blobs().get(0);
        Files.write(blob, new byte[] {9, 9, 9});

        Cli.Result r = cli.run("verify", "--json");
        Cli.Result table = cli.run("verify");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(r.json().get("healthy").asBoolean()).isFalse();
        assertThat(r.json().get("findings").get(0).get("kind").asText()).isEqualTo("CORRUPT_BLOB");
        assertThat(table.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(table.out()).startsWith("NOT HEALTHY").contains("CORRUPT_BLOB");
    }

    @Test
    void gc_reports_what_it_removed() throws IOException {
        Path leftover = Files.write(cli.root().resolve("tmp").resolve("upload-leftover.tmp"), new byte[10]);

        Cli.Result r = cli.run("gc", "--grace", "0s", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get("tempFilesRemoved").asInt()).isEqualTo(1);
        assertThat(r.json().get("blobsRemoved").asInt()).isZero();
        assertThat(r.json().has("bytesFreed")).isTrue();
        assertThat(leftover).doesNotExist();
        assertThat(cli.run("verify").exitCode()).isZero();
    }

    @Test
    void export_of_some_versions_holds_only_those() {
        Cli.Result r = cli.run("export", "churn", "--versions", "2", "-o", dir.resolve("v2.zip").toString(), "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get("versions").asInt()).isEqualTo(1);
        assertThat(r.json().get("artifactBytes").asLong()).isEqualTo(2);
    }

    @Test
    void gc_with_force_and_the_default_grace_keeps_every_version() {
        Cli.Result r = cli.run("gc", "--force", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get("blobsRemoved").asInt()).isZero();
        assertThat(cli.run("verify", "--json").json().get("versionsChecked").asInt()).isEqualTo(3);
    }

    @Test
    void gc_with_a_malformed_grace_is_a_usage_error() {
        Cli.Result r = cli.run("gc", "--grace", "soon");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("'soon' is not a duration");
    }

    private List<Path> blobs() throws IOException {
        try (Stream<Path> files = Files.walk(cli.root().resolve("blobs").resolve("sha256"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
