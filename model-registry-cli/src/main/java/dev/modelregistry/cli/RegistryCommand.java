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
     * The registry the options name: {@code --url} (or {@code $MODEL_REGISTRY_URL} when {@code --root} is not
     * given on the command line) for a server, else {@code --root} (or {@code $MODEL_REGISTRY_ROOT}).
     */
    private RegistrySession open() {
        boolean rootGiven = spec.commandLine().getParseResult().hasMatchedOption("--root");
        Optional<URI> url = common.url();
        if (url.isPresent() && rootGiven) {
            throw new ParameterException(spec.commandLine(), "Give --url or --root, not both");
        }
        if (url.isEmpty() && !rootGiven) {
            url = Optional.ofNullable(System.getenv("MODEL_REGISTRY_URL")).filter(u -> !u.isBlank()).map(URI::create);
        }
        if (url.isPresent()) {
            if (common.actor().isPresent()) {
                throw new ParameterException(spec.commandLine(), "--actor does not apply with --url: the server"
                        + " records the token's principal");
            }
            return RemoteSession.connect(url.get(), common.token());
        }
        Path root = common.root().orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Missing --root DIR or --url URL (or set MODEL_REGISTRY_ROOT or MODEL_REGISTRY_URL)"));
        return LocalSession.open(root, common.actor(), createsRegistry());
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
