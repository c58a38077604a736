package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCommandsTest {
    @TempDir
    Path dir;

    Cli cli;
    Path artifact;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("registry"));
        artifact = Files.write(dir.resolve("model.bin"), new byte[] {1, 2, 3, 4});
    }

    @Test
    void register_creates_the_registry_and_answers_the_new_version_as_json() {
        Cli.Result r = cli.run("register", artifact.toString(), "--name", "churn", "--type", "gbm",
                "--description", "first try", "--tag", "team=risk", "--metric", "auc=0.91", "--property", "src=s3",
                "--alias", "champion", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode v = r.json();
        assertThat(v.get("model").asText()).isEqualTo("churn");
        assertThat(v.get("version").asInt()).isEqualTo(1);
        assertThat(v.get("ref").asText()).isEqualTo("churn/1");
        assertThat(v.get("state").asText()).isEqualTo("LIVE");
        assertThat(v.get("format").asText()).isEqualTo("bytes");
        assertThat(v.get("modelType").asText()).isEqualTo("gbm");
        assertThat(v.get("size").asLong()).isEqualTo(4);
        assertThat(v.get("digest").asText())
                .isEqualTo("9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a");
        assertThat(v.get("tags").get("team").asText()).isEqualTo("risk");
        assertThat(v.get("metrics").get("auc").asDouble()).isEqualTo(0.91);
        assertThat(v.get("aliases").get(0).asText()).isEqualTo("champion");
        assertThat(v.get("deletedAt").isNull()).isTrue();
    }

    @Test
    void register_prints_one_line_for_people() {
        Cli.Result r = cli.run("register", artifact.toString(), "--name", "churn");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("registered churn/1 (4 bytes, sha256 9f64a747");
    }

    @Test
    void register_of_a_missing_file_exits_not_found_and_creates_no_version() {
        cli.run("register", artifact.toString(), "--name", "churn");

        Cli.Result r = cli.run("register", dir.resolve("nope.bin").toString(), "--name", "churn", "--json");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.errorJson().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.errorJson().get("exitCode").asInt()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(cli.run("versions", "churn", "--json").json().get("versions")).hasSize(1);
    }

    @Test
    void register_with_an_invalid_model_name_exits_invalid() {
        Cli.Result r = cli.run("register", artifact.toString(), "--name", "../escape");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).startsWith("model-registry: invalid: ");
    }

    @Test
    void register_with_a_metric_that_is_not_a_number_is_a_usage_error() {
        Cli.Result r = cli.run("register", artifact.toString(), "--name", "churn", "--metric", "auc=high");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("--metric").contains("'high' is not a double").contains("--help");
    }

    @Test
    void ls_lists_models_with_latest_version_and_aliases() {
        cli.run("register", artifact.toString(), "--name", "churn", "--alias", "champion");
        cli.run("register", artifact.toString(), "--name", "churn");
        cli.run("register", artifact.toString(), "--name", "fraud");

        Cli.Result json = cli.run("ls", "--json");
        Cli.Result table = cli.run("ls");

        assertThat(json.exitCode()).isZero();
        JsonNode models = json.json().get("models");
        assertThat(models).hasSize(2);
        assertThat(models.get(0).get("name").asText()).isEqualTo("churn");
        assertThat(models.get(0).get("latestVersion").asInt()).isEqualTo(2);
        assertThat(models.get(0).get("liveVersions").asInt()).isEqualTo(2);
        assertThat(models.get(0).get("aliases").get("champion").asInt()).isEqualTo(1);
        assertThat(table.out().lines()).hasSize(3);
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("NAME ");
        assertThat(table.out()).contains("champion=1");
    }

    @Test
    void show_resolves_an_alias_a_number_and_the_newest_version() {
        cli.run("register", artifact.toString(), "--name", "churn", "--alias", "champion");
        cli.run("register", artifact.toString(), "--name", "churn");

        assertThat(cli.run("show", "churn@champion", "--json").json().get("version").asInt()).isEqualTo(1);
        assertThat(cli.run("show", "churn/2", "--json").json().get("version").asInt()).isEqualTo(2);
        assertThat(cli.run("show", "churn", "--json").json().get("version").asInt()).isEqualTo(2);
        assertThat(cli.run("show", "churn/1").out()).contains("aliases:").contains("champion");
    }

    @Test
    void show_of_a_missing_version_exits_not_found_with_a_json_error() {
        cli.run("register", artifact.toString(), "--name", "churn");

        Cli.Result r = cli.run("show", "churn/9", "--json");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.errorJson().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.errorJson().get("message").asText()).contains("churn");
    }

    @Test
    void versions_lists_oldest_first_and_fails_for_a_missing_model() {
        cli.run("register", artifact.toString(), "--name", "churn");
        cli.run("register", artifact.toString(), "--name", "churn");

        Cli.Result r = cli.run("versions", "churn", "--json");
        Cli.Result table = cli.run("versions", "churn", "--all");

        assertThat(r.json().get("model").asText()).isEqualTo("churn");
        assertThat(r.json().get("versions")).extracting(v -> v.get("version").asInt()).containsExactly(1, 2);
        assertThat(table.out().lines()).hasSize(3);
        assertThat(cli.run("versions", "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void tag_sets_and_removes_version_tags_on_the_version_an_alias_names() {
        cli.run("register", artifact.toString(), "--name", "churn", "--alias", "champion");
        cli.run("register", artifact.toString(), "--name", "churn");

        Cli.Result set = cli.run("tag", "churn@champion", "stage=prod", "owner=ana", "--json");
        Cli.Result removed = cli.run("tag", "churn/1", "--remove", "owner", "--json");

        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.json().get("version").asInt()).isEqualTo(1);
        assertThat(set.json().get("tags").get("stage").asText()).isEqualTo("prod");
        assertThat(removed.json().get("tags").has("owner")).isFalse();
        assertThat(removed.json().get("tags").get("stage").asText()).isEqualTo("prod");
    }

    @Test
    void tag_with_model_sets_the_model_tags() {
        cli.run("register", artifact.toString(), "--name", "churn");

        Cli.Result r = cli.run("tag", "churn", "domain=retail", "--model", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get("name").asText()).isEqualTo("churn");
        assertThat(r.json().get("tags").get("domain").asText()).isEqualTo("retail");
    }

    @Test
    void tag_without_anything_to_do_exits_invalid() {
        cli.run("register", artifact.toString(), "--name", "churn");

        assertThat(cli.run("tag", "churn/1").exitCode()).isEqualTo(ExitCodes.INVALID);
    }
}
