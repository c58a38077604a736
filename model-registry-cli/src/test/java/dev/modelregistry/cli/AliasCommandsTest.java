package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasCommandsTest {
    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("registry"));
        Path artifact = Files.write(dir.resolve("model.bin"), new byte[] {7});
        for (int i = 0; i < 3; i++) {
            assertThat(cli.run("register", artifact.toString(), "--name", "churn").exitCode()).isZero();
        }
    }

    @Test
    void alias_set_then_rollback_points_back_at_the_previous_version() {
        cli.run("alias", "set", "churn", "champion", "1");
        Cli.Result moved = cli.run("alias", "set", "churn", "champion", "3", "--json");

        Cli.Result back = cli.run("alias", "rollback", "churn", "champion", "--json");

        assertThat(moved.json().get("version").asInt()).isEqualTo(3);
        assertThat(back.exitCode()).as(back.toString()).isZero();
        assertThat(back.json().get("version").asInt()).isEqualTo(1);
        assertThat(back.json().get("aliases").get(0).asText()).isEqualTo("champion");
        assertThat(cli.run("show", "churn@champion", "--json").json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void alias_history_lists_every_move_oldest_first() {
        cli.run("alias", "set", "churn", "champion", "1");
        cli.run("alias", "set", "churn", "champion", "2", "--actor", "ana");

        Cli.Result r = cli.run("alias", "history", "churn", "champion", "--json");
        Cli.Result table = cli.run("alias", "history", "churn", "champion");

        JsonNode changes = r.json().get("changes");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("previous").isNull()).isTrue();
        assertThat(changes.get(0).get("target").asInt()).isEqualTo(1);
        assertThat(changes.get(1).get("previous").asInt()).isEqualTo(1);
        assertThat(changes.get(1).get("target").asInt()).isEqualTo(2);
        assertThat(changes.get(1).get("actor").asText()).isEqualTo("ana");
        assertThat(table.out().lines()).hasSize(3);
    }

    @Test
    void alias_set_to_a_missing_version_exits_not_found() {
        Cli.Result r = cli.run("alias", "set", "churn", "champion", "9", "--json");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.errorJson().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void alias_rollback_without_a_previous_target_exits_not_found() {
        cli.run("alias", "set", "churn", "champion", "1");

        Cli.Result r = cli.run("alias", "rollback", "churn", "champion");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("no earlier target");
    }

    @Test
    void alias_remove_drops_the_alias_and_keeps_its_history() {
        cli.run("alias", "set", "churn", "champion", "2");

        Cli.Result r = cli.run("alias", "remove", "churn", "champion", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get("removed").asBoolean()).isTrue();
        assertThat(cli.run("show", "churn@champion").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("alias", "history", "churn", "champion", "--json").json().get("changes")).hasSize(2);
    }

    @Test
    void alias_alone_prints_its_usage_and_exits_invalid() {
        Cli.Result r = Cli.raw("alias");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("set").contains("rollback").contains("history");
    }
}
