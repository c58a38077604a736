package dev.modelregistry.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code alias remove NAME ALIAS}: removes an alias; its history stays. */
@Command(name = "remove", description = "Remove ALIAS from model NAME (its history is kept).")
final class AliasRemoveCommand extends RegistryCommand {
    @Mixin
    private AliasOf target;

    @Override
    int run(RegistrySession session, Output out) {
        session.versions().removeAlias(target.model, target.alias);
        if (json()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("model", target.model);
            answer.put("alias", target.alias);
            answer.put("removed", true);
            out.json(answer);
        } else {
            out.line("removed " + target.model + "@" + target.alias);
        }
        return ExitCodes.OK;
    }
}
