package dev.modelregistry.core.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The test fixture itself: a real PostgreSQL 14+ answers, running as an unprivileged user. */
class PostgresServerTest {

    @Test
    void a_new_database_answers_from_a_real_postgresql_server_not_running_as_root() throws Exception {
        String url = PostgresServer.newDatabase();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT current_setting('server_version_num')::int,"
                        + " current_user, (SELECT usesuper FROM pg_user WHERE usename = current_user)")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isGreaterThanOrEqualTo(140_000);
            assertThat(r.getString(2)).isEqualTo("postgres");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = 'postgres'")) {
            assertThat(r.next()).isTrue();
        }
        // The server process belongs to nobody when the tests run as root (PostgreSQL refuses root).
        if ("root".equals(System.getProperty("user.name"))) {
            ProcessHandle postgres = ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(cmd -> cmd.endsWith("/bin/postgres")).orElse(false))
                    .findFirst().orElseThrow();
            assertThat(postgres.info().user()).hasValue("nobody");
        }
    }
}
