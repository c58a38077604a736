package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving between backends from the command line: {@code export --all} from an embedded registry
 * ({@code --root}), {@code import} into a registry on a real PostgreSQL ({@code --registry postgresql://…},
 * artifacts in its directory's {@code blobs/}), and back into a fresh embedded registry named by a path given to
 * {@code --registry}; versions, digests, sizes, tags and aliases are equal at each step. {@code serve --registry}
 * serves the PostgreSQL registry to {@code --url} commands. One PostgreSQL server per JVM (core's fixture).
 */
@Tag("postgres") // integration-test phase: see this module's pom
class PostgresBackendMoveTest {
    @TempDir
    Path dir;

    Cli embedded;

    /** Each PostgreSQL registry's database, without the {@code jdbc:} prefix. */
    private final Map<Cli, String> pgDatabases = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        embedded = new Cli(dir.resolve("embedded"));
        Path artifact = Files.write(dir.resolve("model.bin"), new byte[] {1, 2, 3});
        Path other = Files.write(dir.resolve("other.bin"), new byte[] {4, 5});
        assertThat(embedded.run("register", artifact.toString(), "--name", "churn", "--alias", "champion")
                .exitCode()).isZero();
        assertThat(embedded.run("register", other.toString(), "--name", "churn", "--alias", "challenger")
                .exitCode()).isZero();
        assertThat(embedded.run("register", other.toString(), "--name", "fraud").exitCode()).isZero();
        assertThat(embedded.run("tag", "churn/1", "team=risk").exitCode()).isZero();
    }

    @Test
    void export_from_embedded_imports_into_postgresql_and_back_with_versions_digests_and_aliases_equal()
            throws SQLException {
        Cli postgres = postgres("pg-host");
        Path toPostgres = dir.resolve("embedded.zip");
        assertThat(embedded.run("export", "--all", "-o", toPostgres.toString()).exitCode()).isZero();

        Cli.Result in = postgres.run("import", toPostgres.toString(), "--allow-untrusted", "move to PostgreSQL",
                "--json");

        assertThat(in.exitCode()).as(in.toString()).isZero();
        assertThat(in.json().get("versionsImported").asInt()).isEqualTo(3);
        assertThat(fingerprint(postgres)).isEqualTo(fingerprint(embedded));
        assertThat(postgres.run("verify").exitCode()).as("verify on PostgreSQL").isZero();
        assertThat(rows(postgres, "version")).as("the versions are in PostgreSQL").isEqualTo(3);
        assertThat(rows(postgres, "alias")).as("the aliases are in PostgreSQL").isEqualTo(2);

        Path back = dir.resolve("postgres.zip");
        Cli.Result out = postgres.run("export", "--all", "-o", back.toString(), "--json");
        Cli returned = Cli.registry(dir.resolve("returned"), URI.create(dir.resolve("returned").toString()));
        Cli.Result in2 = returned.run("import", back.toString(), "--allow-untrusted", "move back", "--json");

        assertThat(out.exitCode()).as(out.toString()).isZero();
        assertThat(out.json().get("versions").asInt()).isEqualTo(3);
        assertThat(in2.exitCode()).as(in2.toString()).isZero();
        assertThat(fingerprint(returned)).isEqualTo(fingerprint(embedded));
        assertThat(new Cli(dir.resolve("returned")).run("show", "churn@champion", "--json").json().get("size")
                .asLong()).as("the directory --registry named is an ordinary --root registry").isEqualTo(3);
    }

    @Test
    void serve_on_a_postgresql_registry_answers_url_commands_as_the_registry_itself() throws Exception {
        Cli postgres = postgres("served");
        Path archive = dir.resolve("embedded.zip");
        assertThat(embedded.run("export", "--all", "-o", archive.toString()).exitCode()).isZero();
        assertThat(postgres.run("import", archive.toString(), "--allow-untrusted", "serve test").exitCode()).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--json"));
        command.addAll(postgres.location());
        Process serve = new ProcessBuilder(command).redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            String line = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).as("first line; stderr: %s", Files.readString(dir.resolve("serve.err"))).isNotNull();
            JsonNode started = new ObjectMapper().readTree(line);
            String url = started.get("url").asText();

            Cli.Result ls = Cli.raw("ls", "--url", url);
            Cli.Result versions = Cli.raw("versions", "churn", "--json", "--url", url);

            assertThat(started.get("root").asText()).isEqualTo(postgres.location().get(1));
            assertThat(ls.exitCode()).as(ls.toString()).isZero();
            assertThat(ls.out()).isEqualTo(postgres.run("ls").out());
            assertThat(versions.json()).isEqualTo(postgres.run("versions", "churn", "--json").json());
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stopped within 60 s").isTrue();
            assertThat(serve.exitValue()).as("stderr: %s", Files.readString(dir.resolve("serve.err"))).isZero();
        } finally {
            serve.destroyForcibly();
        }
    }

    /** A registry on a new database of the shared PostgreSQL server, its host directory under {@code dir}. */
    private Cli postgres(String host) {
        String jdbc = PostgresServer.newDatabase();
        Path hostDir = dir.resolve(host);
        Cli cli = Cli.registry(hostDir, URI.create(jdbc.substring("jdbc:".length()) + "&dir="
                + hostDir.toUri().getPath()));
        pgDatabases.put(cli, jdbc.substring("jdbc:".length()));
        return cli;
    }

    /** The rows of {@code table} in the PostgreSQL database behind {@code cli}. */
    private long rows(Cli cli, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:" + pgDatabases.get(cli));
                ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** What must survive a move: per model, each version's number, digest, size, aliases and tags. */
    private static List<String> fingerprint(Cli cli) {
        List<String> rows = new ArrayList<>();
        for (String model : List.of("churn", "fraud")) {
            Cli.Result r = cli.run("versions", model, "--json");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            for (JsonNode v : r.json().get("versions")) {
                rows.add(model + "@" + v.get("version").asInt() + " " + v.get("digest").asText() + " "
                        + v.get("size").asLong() + " aliases=" + v.get("aliases") + " tags=" + v.get("tags"));
            }
        }
        assertThat(rows).hasSize(3);
        return rows;
    }
}
