package dev.modelregistry.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that works on a registry: opens it from the common options, runs, closes it, and returns the exit
 * code. Exceptions are left to {@link Failures}, which maps them to exit codes in one place.
 * One instance per invocation; not thread-safe.
 */
abstract class RegistryCommand implements Callable<Integer>, JsonAnswers {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** Whether this command may create the registry when the directory has none (register, import). */
    boolean createsRegistry() {
        return false;
    }

    @Override
    public final Integer call() {
        Output out = new Output(spec.commandLine().getOut());
        try (RegistrySession session = open()) {
            return run(session, out);
        }
    }

    /**
     * The registry the options name: at most one of {@code --root}, {@code --registry} and {@code --url} on the
     * command line; with none, {@code $MODEL_REGISTRY_URL}, else {@code $MODEL_REGISTRY}, else
     * {@code $MODEL_REGISTRY_ROOT}.
     */
    private RegistrySession open() {
        boolean rootGiven = spec.commandLine().getParseResult().hasMatchedOption("--root");
        Optional<URI> url = common.url();
        Optional<URI> registry = common.registry();
        if ((rootGiven ? 1 : 0) + (url.isPresent() ? 1 : 0) + (registry.isPresent() ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "Give one of --root, --registry and --url");
        }
        if (url.isEmpty() && registry.isEmpty() && !rootGiven) {
            url = fromEnvironment("MODEL_REGISTRY_URL");
            registry = url.isPresent() ? Optional.empty() : fromEnvironment(LocalSession.REGISTRY_ENV);
        }
        if (url.isPresent()) {
            if (common.actor().isPresent()) {
                throw new ParameterException(spec.commandLine(), "--actor does not apply with --url: the server"
                        + " records the token's principal");
            }
            return RemoteSession.connect(url.get(), common.token());
        }
        if (registry.isPresent()) {
            return LocalSession.open(registry.get(), common.actor(), createsRegistry());
        }
        Path root = common.root().orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Missing --root DIR, --registry URI or --url URL (or set MODEL_REGISTRY_ROOT, MODEL_REGISTRY or"
                + " MODEL_REGISTRY_URL)"));
        return LocalSession.open(root, common.actor(), createsRegistry());
    }

    /** The URI in environment variable {@code variable}, if it is set and not blank. */
    static Optional<URI> fromEnvironment(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(u -> !u.isBlank()).map(u -> URI.create(u.strip()));
    }

    @Override
    public boolean json() {
        return common.json();
    }

    /**
     * Does the work.
     *
     * @return the exit code; {@link ExitCodes#OK} unless the answer itself is a failure (verify)
     */
    abstract int run(RegistrySession session, Output out);
}
