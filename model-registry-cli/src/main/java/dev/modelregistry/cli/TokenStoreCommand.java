package dev.modelregistry.cli;

import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.server.security.TokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command on a token store file (model-registry-server's {@link TokenStore}), which a running server re-reads
 * when it changes. One instance per invocation; not thread-safe.
 */
abstract class TokenStoreCommand implements Callable<Integer>, JsonAnswers {
    @Spec
    CommandSpec spec;

    @Option(names = "--tokens", paramLabel = "FILE", defaultValue = "${env:MODEL_REGISTRY_TOKENS}",
            description = "The token store (default: $MODEL_REGISTRY_TOKENS).")
    private Path file;

    @Option(names = "--json", description = "Print one JSON document on standard output.")
    private boolean json;

    @Override
    public boolean json() {
        return json;
    }

    /** Whether a missing file becomes an empty store (create) rather than "not found" (list, revoke). */
    boolean createsStore() {
        return false;
    }

    @Override
    public final Integer call() {
        if (file == null) {
            throw new ParameterException(spec.commandLine(), "Missing --tokens FILE (or set MODEL_REGISTRY_TOKENS)");
        }
        if (!createsStore() && !Files.isRegularFile(file)) {
            throw new NotFoundException("no token store at " + file + " (`model-registry token create` makes one)");
        }
        return run(TokenStore.open(file), new Output(spec.commandLine().getOut()));
    }

    abstract int run(TokenStore store, Output out);
}
