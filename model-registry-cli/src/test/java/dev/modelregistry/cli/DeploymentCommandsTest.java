package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentCommandsTest {
    static Path trained;

    @TempDir
    Path dir;

    Cli cli;

    @BeforeAll
    static void train() throws IOException {
        trained = TrainedModelFile.shared();
    }

    @BeforeEach
    void setUp() {
        cli = new Cli(dir.resolve("registry"));
        for (int i = 0; i < 2; i++) {
            Cli.Result r = cli.run("register", trained.toString(), "--name", "churn", "--format",
                    TrainedModelFile.FORMAT);
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
    }

    @Test
    void deploy_ramp_promote_and_rollback_move_a_canary_through_its_life() {
        Cli.Result first = cli.run("deploy", "churn/1", "--env", "staging", "--json");
        Cli.Result canary = cli.run("deploy", "churn/2", "--env", "staging", "--strategy", "canary", "--steps",
                "10,50", "--json");
        Cli.Result ramped = cli.run("ramp", "staging", "50", "--json");
        Cli.Result promoted = cli.run("promote", "staging", "--json");
        Cli.Result rolledBack = cli.run("rollback", "staging", "--reason", "drill", "--json");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.json().get("state").asText()).isEqualTo("ACTIVE");
        assertThat(first.json().get("strategy").asText()).isEqualTo("REPLACE");
        assertThat(canary.exitCode()).as(canary.toString()).isZero();
        assertThat(canary.json().get("state").asText()).isEqualTo("CANARY");
        assertThat(canary.json().get("weightPercent").asInt()).isEqualTo(10);
        assertThat(ramped.exitCode()).as(ramped.toString()).isZero();
        assertThat(ramped.json().get("weightPercent").asInt()).isEqualTo(50);
        assertThat(promoted.exitCode()).as(promoted.toString()).isZero();
        assertThat(promoted.json().get("version").asInt()).isEqualTo(2);
        assertThat(promoted.json().get("state").asText()).isEqualTo("PROMOTED");
        assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();
        JsonNode status = cli.run("status", "staging", "--history", "--json").json();
        assertThat(status.get("deployments")).isNotEmpty();
        assertThat(status.get("deployments").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(status.get("history")).extracting(e -> e.get("action").asText())
                .contains("deploy", "promote", "rollback");
        assertThat(status.get("history")).anySatisfy(e -> assertThat(e.get("reason").asText()).isEqualTo("drill"));
    }

    @Test
    void status_lists_every_environment_as_a_table() {
        cli.run("deploy", "churn/1", "--env", "staging");
        cli.run("deploy", "churn@champion", "--env", "dev");
        cli.run("alias", "set", "churn", "champion", "2");
        cli.run("deploy", "churn@champion", "--env", "dev");

        Cli.Result r = cli.run("status");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("ENVIRONMENT");
        assertThat(r.out()).contains("staging").contains("dev").contains("churn/2");
    }

    @Test
    void deploy_to_production_without_a_passing_evaluation_is_a_conflict_unless_overridden() {
        Cli.Result refused = cli.run("deploy", "churn/1", "--env", "production", "--json");
        Cli.Result overridden = cli.run("deploy", "churn/1", "--env", "production", "--override-evaluation",
                "incident 42", "--json");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(refused.errorJson().get("code").asText()).isEqualTo("CONFLICT");
        assertThat(overridden.exitCode()).as(overridden.toString()).isZero();
    }

    @Test
    void deploy_of_an_artifact_that_cannot_predict_exits_invalid() throws IOException {
        Path bytes = Files.write(dir.resolve("opaque.bin"), new byte[] {1});
        cli.run("register", bytes.toString(), "--name", "opaque");

        Cli.Result r = cli.run("deploy", "opaque/1", "--env", "staging");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("does not predict");
    }

    @Test
    void ramp_and_promote_without_a_canary_are_conflicts_and_in_an_empty_environment_not_found() {
        cli.run("deploy", "churn/1", "--env", "staging");

        assertThat(cli.run("ramp", "staging", "50").exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(cli.run("promote", "staging").exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(cli.run("promote", "nowhere").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("ramp", "nowhere", "50").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("rollback", "nowhere").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void undeploy_empties_the_environment() {
        cli.run("deploy", "churn/1", "--env", "staging");

        Cli.Result r = cli.run("undeploy", "staging", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(cli.run("status", "staging", "--json").json().get("deployments")).isEmpty();
    }

    @Test
    void status_history_needs_an_environment_and_audit_a_limit_in_range() {
        assertThat(cli.run("status", "--history").exitCode()).isEqualTo(ExitCodes.INVALID);
        Cli.Result r = cli.run("audit", "--limit", "0", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.errorJson().get("code").asText()).isEqualTo("INVALID");
    }

    @Test
    void audit_shows_who_did_what_to_a_model() {
        cli.run("alias", "set", "churn", "champion", "1", "--actor", "ana");
        cli.run("deploy", "churn/1", "--env", "staging");

        Cli.Result r = cli.run("audit", "--model", "churn", "--json");
        Cli.Result table = cli.run("audit", "--limit", "2");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode entries = r.json().get("entries");
        assertThat(entries).allSatisfy(e -> assertThat(e.get("model").asText()).isEqualTo("churn"));
        assertThat(entries).anySatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("ana"));
        assertThat(entries.size()).isGreaterThanOrEqualTo(4);
        assertThat(table.out().lines()).hasSize(3);
    }
}
