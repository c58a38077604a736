package dev.modelregistry.cli;

import dev.modelregistry.api.version.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code alias set NAME ALIAS VERSION}: points an alias at a version; the move is kept in its history. */
@Command(name = "set", description = "Point ALIAS of model NAME at VERSION.")
final class AliasSetCommand extends RegistryCommand {
    @Mixin
    private AliasOf target;

    @Parameters(index = "2", paramLabel = "VERSION", description = "The version number.")
    private int version;

    @Override
    int run(RegistrySession session, Output out) {
        ModelVersion v = session.versions().setAlias(target.model, target.alias, version);
        Aliases.print(out, json(), v, target.alias);
        return ExitCodes.OK;
    }
}
