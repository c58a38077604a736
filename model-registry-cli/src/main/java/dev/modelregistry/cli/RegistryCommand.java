package dev.modelregistry.cli;

import java.nio.file.Path;
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
abstract class RegistryCommand implements Callable<Integer> {
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
        Path root = common.root().orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Missing --root DIR (or set MODEL_REGISTRY_ROOT)"));
        Output out = new Output(spec.commandLine().getOut());
        try (RegistrySession session = LocalSession.open(root, common.actor(), createsRegistry())) {
            return run(session, out);
        }
    }

    boolean json() {
        return common.json();
    }

    /**
     * Does the work.
     *
     * @return the exit code; {@link ExitCodes#OK} unless the answer itself is a failure (verify)
     */
    abstract int run(RegistrySession session, Output out);
}
