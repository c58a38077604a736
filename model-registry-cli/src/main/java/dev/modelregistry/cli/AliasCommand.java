package dev.modelregistry.cli;

import picocli.CommandLine.Command;

/** {@code alias}: the group of alias commands; alone, it prints its usage and fails as a usage error. */
@Command(name = "alias", description = "Move, roll back or list an alias of a model.",
        subcommands = {AliasSetCommand.class, AliasRollbackCommand.class, AliasHistoryCommand.class,
            AliasRemoveCommand.class})
final class AliasCommand extends CommandGroup {
}
