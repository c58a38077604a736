package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry commands with {@code --url} against a real server on a random loopback port: the same answers and
 * exit codes as with {@code --root} on the same registry, and the token store's refusals as exit code 7.
 */
class RemoteCommandsTest {
    @TempDir
    Path dir;

    Cli cli;
    Path trained;
    Path tokens;
    ModelRegistry registry;
    RegistryServer server;

    @BeforeEach
    void setUp() throws IOException {
        trained = TrainedModelFile.shared();
        cli = new Cli(dir.resolve("registry"));
        tokens = dir.resolve("tokens.json");
        ok(cli.run("register", trained.toString(), "--name", "churn", "--format", TrainedModelFile.FORMAT,
                "--tag", "team=risk", "--metric", "auc=0.91", "--alias", "champion"));
        ok(cli.run("register", trained.toString(), "--name", "churn", "--format", TrainedModelFile.FORMAT));
        ok(cli.run("alias", "set", "churn", "champion", "2"));
        ok(cli.run("register", trained.toString(), "--name", "fraud", "--format", TrainedModelFile.FORMAT));
        ok(cli.run("deploy", "churn/1", "--env", "prod"));
    }

    @AfterEach
    void tearDown() {
        stopServer();
    }

    /** Reads and refused changes: nothing here changes the registry, so both rounds see one state. */
    static final List<List<String>> SAME_ANSWERS = List.of(
            List.of("ls"), List.of("ls", "--json"),
            List.of("show", "churn"), List.of("show", "churn@champion", "--json"), List.of("show", "churn/1"),
            List.of("versions", "churn"), List.of("versions", "churn", "--all", "--json"),
            List.of("alias", "history", "churn", "champion", "--json"), List.of("alias", "history", "churn", "champion"),
            List.of("audit", "--json"), List.of("audit", "--model", "fraud"), List.of("status", "--json"),
            List.of("status", "prod", "--history", "--json"), List.of("status", "prod", "--history"),
            // not found (2)
            List.of("show", "churn/9"), List.of("show", "nope"), List.of("versions", "nope"),
            List.of("deploy", "churn/9", "--env", "staging"), List.of("tag", "nope/1", "a=b"),
            List.of("ramp", "staging", "50"),
            // conflict (3): no canary to ramp
            List.of("ramp", "prod", "50"), List.of("ramp", "prod", "50", "--json"),
            // invalid (1)
            List.of("alias", "set", "churn", "Not-An-Alias!", "1"), List.of("show", "churn/0"));

    @Test
    void reads_and_refusals_answer_the_same_with_url_as_with_root() {
        List<Cli.Result> local = sameWithUrlAsWithRoot(SAME_ANSWERS);

        assertThat(local).extracting(Cli.Result::exitCode).contains(ExitCodes.OK, ExitCodes.NOT_FOUND,
                ExitCodes.CONFLICT, ExitCodes.INVALID);
    }

    /**
     * Runs each command line with --root, then starts the server (admin token) and runs it with --url, requiring
     * the same exit code and standard output.
     *
     * @return the local results
     */
    private List<Cli.Result> sameWithUrlAsWithRoot(List<List<String>> lines) {
        List<Cli.Result> local = new ArrayList<>();
        for (List<String> args : lines) {
            local.add(cli.run(args.toArray(String[]::new)));
        }
        startServer(adminToken());

        for (int i = 0; i < lines.size(); i++) {
            Cli.Result remote = remote(lines.get(i).toArray(String[]::new));
            assertThat(remote.exitCode()).as(lines.get(i) + "\nlocal: " + local.get(i) + "\nremote: " + remote)
                    .isEqualTo(local.get(i).exitCode());
            assertThat(remote.out()).as(lines.get(i) + " " + remote).isEqualTo(local.get(i).out());
        }
        return local;
    }

    @Test
    void deployments_move_through_the_server_under_the_tokens_principal() {
        startServer(token("ops", "deployer"));

        Cli.Result first = remote("deploy", "churn/1", "--env", "staging", "--json");
        Cli.Result canary = remote("deploy", "churn@champion", "--env", "staging", "--strategy", "canary",
                "--steps", "10,50", "--json");
        Cli.Result ramped = remote("ramp", "staging", "50", "--json");
        Cli.Result promoted = remote("promote", "staging", "--json");
        Cli.Result rolledBack = remote("rollback", "staging", "--reason", "drill", "--json");
        Cli.Result status = remote("status", "staging", "--history", "--json");
        Cli.Result undeployed = remote("undeploy", "staging");

        assertThat(first.json().get("state").asText()).as(first.toString()).isEqualTo("ACTIVE");
        assertThat(canary.json().get("state").asText()).as(canary.toString()).isEqualTo("CANARY");
        assertThat(canary.json().get("weightPercent").asInt()).isEqualTo(10);
        assertThat(ramped.json().get("weightPercent").asInt()).as(ramped.toString()).isEqualTo(50);
        assertThat(promoted.json().get("state").asText()).as(promoted.toString()).isEqualTo("PROMOTED");
        assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();
        JsonNode history = status.json().get("history");
        assertThat(history).extracting(e -> e.get("action").asText()).contains("deploy", "promote", "rollback");
        assertThat(history).allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("ops"));
        assertThat(history).anySatisfy(e -> assertThat(e.get("reason").asText()).isEqualTo("drill"));
        assertThat(undeployed.exitCode()).as(undeployed.toString()).isZero();
        assertThat(remote("status", "staging", "--json").json().get("deployments")).isEmpty();
    }

    @Test
    void aliases_and_tags_change_through_the_server() {
        startServer(token("alice", "writer"));

        Cli.Result set = remote("alias", "set", "churn", "shadow", "1", "--json");
        Cli.Result tagged = remote("tag", "churn/1", "stage=canary", "--json");
        Cli.Result modelTag = remote("tag", "fraud", "--model", "owner=risk", "--json");
        Cli.Result rolledBack = remote("alias", "rollback", "churn", "champion", "--json");
        Cli.Result removed = remote("alias", "remove", "churn", "shadow");

        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(tagged.json().get("tags").get("stage").asText()).as(tagged.toString()).isEqualTo("canary");
        assertThat(modelTag.exitCode()).as(modelTag.toString()).isZero();
        assertThat(rolledBack.json().get("version").asInt()).as(rolledBack.toString()).isEqualTo(1);
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        stopServer();
        JsonNode history = cli.run("alias", "history", "churn", "champion", "--json").json();
        assertThat(history.get("changes")).anySatisfy(c -> assertThat(c.get("actor").asText()).isEqualTo("alice"));
        assertThat(cli.run("show", "fraud", "--json").json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void register_streams_the_file_and_answers_what_a_local_register_does() {
        startServer(token("alice", "writer"));
        String[] args = {"register", trained.toString(), "--name", "scorer", "--format", TrainedModelFile.FORMAT,
            "--type", "linear", "--description", "première", "--metric", "rmse=0.25", "--property", "src=s3",
            "--tag", "team=risk", "--alias", "champion", "--json"};

        Cli.Result remote = remote(args);
        Cli.Result local = new Cli(dir.resolve("other")).run(args);

        assertThat(remote.exitCode()).as(remote.toString()).isZero();
        assertThat(local.exitCode()).as(local.toString()).isZero();
        for (String field : List.of("model", "version", "ref", "state", "format", "modelType", "description",
                "digest", "size", "aliases", "tags", "metrics", "deployments", "deletedAt")) {
            assertThat(remote.json().get(field)).as(field).isEqualTo(local.json().get(field));
        }
        assertThat(remote.json().get("createdBy").asText()).isEqualTo("alice");
        assertThat(remote("show", "scorer@champion", "--json").json().get("description").asText())
                .isEqualTo("première");
        assertThat(remote("register", dir.resolve("missing.bin").toString(), "--name", "scorer").exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
    }

    /** The operational commands, run with --root and then --url on the same unchanged registry. */
    static final List<List<String>> SAME_OPERATIONS = List.of(List.of("verify"), List.of("verify", "--json"),
            List.of("gc", "--json"), List.of("gc", "--grace", "0s", "--force"), List.of("gc", "--grace", "soon"),
            List.of("export", "nope", "-o", "none.zip", "--json"), List.of("export", "-o", "none.zip"));

    @Test
    void verify_gc_and_refused_exports_answer_the_same_with_url_as_with_root() {
        List<Cli.Result> local = sameWithUrlAsWithRoot(SAME_OPERATIONS);

        assertThat(local).extracting(Cli.Result::exitCode).contains(ExitCodes.OK, ExitCodes.NOT_FOUND,
                ExitCodes.INVALID);
    }

    @Test
    void remote_verify_of_a_corrupted_artifact_exits_integrity_like_local() throws IOException {
        try (Stream<Path> files = Files.walk(cli.root().resolve("blobs").resolve("sha256"))) {
            Files.write(files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow(), new byte[] {9, 9});
        }
        Cli.Result local = cli.run("verify", "--json");
        startServer(adminToken());

        Cli.Result remote = remote("verify", "--json");

        assertThat(remote.exitCode()).as(remote.toString()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(local.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(remote.out()).isEqualTo(local.out());
        assertThat(remote.json().get("findings").get(0).get("kind").asText()).isEqualTo("CORRUPT_BLOB");
    }

    @Test
    void export_with_url_writes_the_archive_that_imports_into_another_server() throws IOException {
        Path local = dir.resolve("local.zip");
        Path viaServer = dir.resolve("remote.zip");
        Cli.Result localExport = cli.run("export", "--all", "-o", local.toString(), "--json");
        Cli.Result ownLocal = cli.run("import", local.toString(), "--json");
        startServer(adminToken());

        Cli.Result exported = remote("export", "--all", "-o", viaServer.toString(), "--json");
        Cli.Result again = remote("export", "--all", "-o", viaServer.toString());
        Cli.Result own = remote("import", viaServer.toString(), "--json");

        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        assertThat(exported.json().get("archive").asText()).isEqualTo(viaServer.toAbsolutePath().toString());
        for (String field : List.of("models", "versions", "blobs", "artifactBytes")) {
            assertThat(exported.json().get(field)).as(field).isEqualTo(localExport.json().get(field));
        }
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(own.exitCode()).as(own.toString()).isZero();
        assertThat(own.out()).isEqualTo(ownLocal.out());
        assertThat(own.json().get("versionsUnchanged").asInt()).isEqualTo(3);
        assertThat(dir.resolve("remote.zip.part")).doesNotExist();

        stopServer();
        Cli target = new Cli(dir.resolve("target"));
        startServer(target.root(), token("restore-admin", "admin"));
        Cli.Result refused = remote("import", viaServer.toString(), "--json");
        Cli.Result accepted = remote("import", viaServer.toString(), "--allow-untrusted", "restore drill",
                "--no-isolated-load-check", "--json");
        Cli.Result missing = remote("import", dir.resolve("missing.zip").toString());
        stopServer();

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.UNTRUSTED);
        assertThat(refused.errorJson().get("code").asText()).isEqualTo("UNTRUSTED");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(accepted.json().get("versionsImported").asInt()).isEqualTo(3);
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        for (String ref : List.of("churn/1", "churn/2", "fraud/1", "churn@champion")) {
            assertThat(target.run("show", ref, "--json").json().get("digest"))
                    .as(ref).isEqualTo(cli.run("show", ref, "--json").json().get("digest"));
        }
        assertThat(target.run("audit", "--json").out()).contains("restore-admin");
    }

    @Test
    void a_writer_token_cannot_run_the_operational_commands() {
        startServer(token("alice", "writer"));

        for (String[] args : List.of(new String[] {"verify"}, new String[] {"gc"},
                new String[] {"export", "--all", "-o", dir.resolve("a.zip").toString()},
                new String[] {"import", dir.resolve("a.zip").toString()})) {
            Cli.Result r = remote(args);
            assertThat(r.exitCode()).as(Arrays.toString(args) + " " + r).isIn(ExitCodes.AUTH, ExitCodes.NOT_FOUND);
        }
        assertThat(remote("verify").exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(remote("export", "--all", "-o", dir.resolve("a.zip").toString()).exitCode())
                .isEqualTo(ExitCodes.AUTH);
        assertThat(dir.resolve("a.zip")).doesNotExist();
    }

    @Test
    void created_listed_and_revoked_tokens_decide_the_exit_code() throws IOException {
        Cli.Result created = Cli.raw("token", "create", "--tokens", tokens.toString(), "--principal", "bob",
                "--role", "reader", "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String secret = created.json().get("token").asText();
        String id = created.json().get("id").asText();
        assertThat(secret).startsWith("mrt_" + id + "_");
        startServer(secret);

        Cli.Result list = Cli.raw("token", "list", "--tokens", tokens.toString(), "--json");
        Cli.Result table = Cli.raw("token", "list", "--tokens", tokens.toString());
        Cli.Result read = remote("ls", "--json");
        Cli.Result deploy = remote("deploy", "churn/1", "--env", "staging", "--json");
        Cli.Result revoked = Cli.raw("token", "revoke", "--tokens", tokens.toString(), id);
        Cli.Result afterRevoke = remote("ls", "--json");
        Cli.Result again = Cli.raw("token", "revoke", "--tokens", tokens.toString(), id);
        Cli.Result noToken = Cli.raw("ls", "--url", server.uri().toString());

        assertThat(list.json().get("tokens")).singleElement().satisfies(t -> {
            assertThat(t.get("id").asText()).isEqualTo(id);
            assertThat(t.get("principal").asText()).isEqualTo("bob");
            assertThat(t.get("role").asText()).isEqualTo("reader");
        });
        assertThat(list.out() + table.out() + Files.readString(tokens)).doesNotContain(secret)
                .doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));
        assertThat(table.out()).contains(id).contains("bob");
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(ExitCodes.AUTH);
        assertThat(deploy.errorJson().get("code").asText()).isEqualTo("AUTH");
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(afterRevoke.exitCode()).as(afterRevoke.toString()).isEqualTo(ExitCodes.AUTH);
        assertThat(afterRevoke.errorJson().get("message").asText()).contains("revoked");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(noToken.exitCode()).as(noToken.toString()).isEqualTo(ExitCodes.AUTH);
        assertThat(Cli.raw("token", "list", "--tokens", dir.resolve("none.json").toString()).exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void an_unreachable_server_is_a_storage_error_and_url_with_root_a_usage_error() {
        Cli.Result unreachable = Cli.raw("ls", "--url", "http://127.0.0.1:1/", "--json");
        Cli.Result both = Cli.raw("ls", "--url", "http://127.0.0.1:1/", "--root", dir.toString());

        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(ExitCodes.STORAGE);
        assertThat(unreachable.errorJson().get("message").asText()).contains("cannot reach the server");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.INVALID);
    }

    @Test
    void serve_refuses_a_non_loopback_address_without_tokens_as_a_usage_error() {
        Cli.Result r = Cli.raw("serve", "--root", cli.root().toString(), "--host", "0.0.0.0", "--port", "0",
                "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.errorJson().get("message").asText()).contains("token");
        assertThat(Cli.raw("serve", "--root", cli.root().toString(), "--port", "0", "--tokens",
                dir.resolve("none.json").toString()).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void a_canary_policy_from_the_options_is_stored_the_same_with_url_as_with_root() {
        String[] canary = {"deploy", "churn@champion", "--env", "prod", "--strategy", "CANARY", "--steps", "10,50",
            "--min-requests", "50", "--max-error-rate-delta", "0.1", "--min-outcomes", "20"};
        CanaryPolicy expected = CanaryPolicy.defaults().withMinRequests(50).withMaxErrorRateDelta(0.1)
                .withLiveAccuracy(20, CanaryPolicy.DEFAULT_LIVE_ACCURACY_ALPHA);
        Cli.Result replaceWithPolicy = cli.run("deploy", "churn/2", "--env", "prod", "--analyze");
        ok(cli.run(canary));
        startServer(token("ops", "deployer"));

        assertThat(replaceWithPolicy.exitCode()).as(replaceWithPolicy.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(canaryPolicy()).as("stored by the local deploy").hasValue(expected);
        ok(remote("rollback", "prod", "--reason", "again, remotely"));
        assertThat(canaryPolicy()).isEmpty();
        ok(remote(canary));
        assertThat(canaryPolicy()).hasValue(expected);
        ok(remote("rollback", "prod", "--reason", "defaults next"));
        ok(remote("deploy", "churn@champion", "--env", "prod", "--strategy", "CANARY", "--analyze"));
        assertThat(canaryPolicy()).hasValue(CanaryPolicy.defaults());
    }

    /** The policy of prod's live canary, empty if there is none or it has none. */
    private Optional<CanaryPolicy> canaryPolicy() {
        return registry.deployer().deployments("prod").stream()
                .filter(d -> d.state() == DeploymentState.CANARY).findFirst().flatMap(d -> d.spec().policy());
    }

    @Test
    void the_remote_deployer_assesses_a_canary_as_the_server_does_and_changes_nothing() {
        ok(cli.run("deploy", "churn@champion", "--env", "prod", "--strategy", "canary", "--steps", "10,50"));
        startServer(token("watcher", "reader"));
        registry.deployer().endpoint("prod").predict(new double[] {0.5, 0.2}, "k"); // features a and b
        var before = registry.deployer().deployments("prod");

        try (RemoteSession session = RemoteSession.connect(server.uri(), Optional.of(token("watcher2", "reader")))) {
            CanaryVerdict remote = session.deployer().assess("prod");

            assertThat(remote).isEqualTo(registry.deployer().assess("prod"));
            assertThat(remote.environment()).isEqualTo("prod");
            assertThat(remote.decision()).as("the CLI sets no canary policy: left to people")
                    .isEqualTo(CanaryVerdict.Decision.NOTHING_TO_ANALYZE);
        }
        assertThat(registry.deployer().deployments("prod")).isEqualTo(before);
    }

    private Cli.Result remote(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", server.uri().toString(), "--token-file", dir.resolve("token.txt").toString()));
        return Cli.raw(all.toArray(String[]::new));
    }

    private String adminToken() {
        return token("root-admin", "admin");
    }

    private String token(String principal, String role) {
        Cli.Result r = Cli.raw("token", "create", "--tokens", tokens.toString(), "--principal", principal, "--role",
                role, "--json");
        ok(r);
        return r.json().get("token").asText();
    }

    private void startServer(String token) {
        startServer(cli.root(), token);
    }

    private void startServer(Path root, String token) {
        try {
            Files.writeString(dir.resolve("token.txt"), token + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        registry = ModelRegistry.builder(root).open();
        server = RegistryServer.start(registry, ServerOptions.builder().tokensFile(tokens).build());
    }

    private void stopServer() {
        if (server != null) {
            server.close();
            registry.close();
            server = null;
        }
    }

    private static void ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }
}
