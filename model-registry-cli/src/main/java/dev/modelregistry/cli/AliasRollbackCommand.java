package dev.modelregistry.cli;

import dev.modelregistry.api.version.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code alias rollback NAME ALIAS}: points an alias back at its previous target. */
@Command(name = "rollback", description = "Point ALIAS of model NAME back at its previous version.")
final class AliasRollbackCommand extends RegistryCommand {
    @Mixin
    private AliasOf target;

    @Override
    int run(RegistrySession session, Output out) {
        ModelVersion v = session.versions().rollback(target.model, target.alias);
        Aliases.print(out, json(), v, target.alias);
        return ExitCodes.OK;
    }
}
