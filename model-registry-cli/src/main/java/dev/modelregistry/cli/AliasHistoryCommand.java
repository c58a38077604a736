package dev.modelregistry.cli;

import dev.modelregistry.api.version.AliasChange;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code alias history NAME ALIAS}: every move of an alias, oldest first. */
@Command(name = "history", description = "List every move of ALIAS of model NAME, oldest first.")
final class AliasHistoryCommand extends RegistryCommand {
    @Mixin
    private AliasOf target;

    @Override
    int run(RegistrySession session, Output out) {
        List<AliasChange> changes = session.versions().aliasHistory(target.model, target.alias);
        if (json()) {
            out.json(Map.of("changes", changes.stream().map(Views.AliasChangeView::of).toList()));
        } else {
            out.table(List.of("AT", "FROM", "TO", "ACTOR", "REASON"), changes.stream()
                    .map(c -> List.of(c.at().toString(), c.previous().map(String::valueOf).orElse("-"),
                            c.target().map(String::valueOf).orElse("-"), c.actor(), c.reason()))
                    .toList());
        }
        return ExitCodes.OK;
    }
}
