package dev.modelregistry.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top of the {@code model-registry} command tree. Every subcommand is listed here, so picocli's completion
 * generator and {@code --help} see the same tree the launcher runs; commands that need more than a registry
 * directory (a server, tokens) are added to this list too. Run alone, it prints its usage and exits with
 * {@link ExitCodes#INVALID}. Its help options and exit-code footer are inherited by every subcommand. The registry
 * commands work on a directory ({@code --root}), a registry URI ({@code --registry}, e.g. PostgreSQL + S3) or a
 * server ({@code --url}); {@code serve} and {@code token} run
 * and administer that server.
 * One instance per invocation; not thread-safe.
 */
@Command(name = "model-registry", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = ModelRegistryCommand.Version.class,
        description = "Store, version, verify and deploy machine-learning models in a registry directory or through a"
            + " model-registry server.",
        footer = {"", "Exit codes: 0 ok, 1 usage or invalid input, 2 not found, 3 conflict, 4 integrity failure,"
            + " 5 untrusted archive, 6 storage error (or server unreachable), 7 refused by the server's tokens,"
            + " 70 internal error. See docs/cli.md."},
        subcommands = {LsCommand.class, ShowCommand.class, VersionsCommand.class, RegisterCommand.class,
            AliasCommand.class, TagCommand.class, ExportCommand.class, ImportCommand.class, VerifyCommand.class,
            GcCommand.class, DeployCommand.class, RampCommand.class, PromoteCommand.class, RollbackCommand.class,
            UndeployCommand.class, StatusCommand.class, AuditCommand.class, ServeCommand.class, TokenCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class})
public final class ModelRegistryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Creates the command; picocli fills it in. */
    public ModelRegistryCommand() {
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID;
    }

    /**
     * The command line with the project's exit codes and error output installed: what {@link Main} runs.
     *
     * @return a new command line; configure and execute it from one thread
     */
    public static CommandLine commandLine() {
        Failures failures = new Failures();
        return new CommandLine(new ModelRegistryCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
    }

    /**
     * Runs one command line in this JVM, writing to the given streams: for tests and for embedding.
     *
     * @param out where answers go
     * @param err where errors and usage go
     * @param args the arguments, e.g. {@code "ls", "--root", "registry"}
     * @return the exit code, see {@link ExitCodes}
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(args, "args");
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    /** The version {@code --version} prints: the jar's Implementation-Version. Stateless. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ModelRegistryCommand.class.getPackage().getImplementationVersion();
            return new String[] {"model-registry " + (version == null ? "(development build)" : version)};
        }
    }
}
