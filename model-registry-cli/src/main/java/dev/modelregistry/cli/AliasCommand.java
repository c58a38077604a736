package dev.modelregistry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code alias}: the group of alias commands; alone, it prints its usage and fails as a usage error. */
@Command(name = "alias", description = "Move, roll back or list an alias of a model.",
        subcommands = {AliasSetCommand.class, AliasRollbackCommand.class, AliasHistoryCommand.class,
            AliasRemoveCommand.class})
final class AliasCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID;
    }
}
