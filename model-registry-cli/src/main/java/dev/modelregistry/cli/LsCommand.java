package dev.modelregistry.cli;

import dev.modelregistry.api.version.ModelInfo;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ls}: every model, with its newest version and aliases. */
@Command(name = "ls", description = "List the models.")
final class LsCommand extends RegistryCommand {
    @Override
    int run(RegistrySession session, Output out) {
        List<ModelInfo> models = session.versions().models();
        if (json()) {
            out.json(Map.of("models", models.stream().map(Views.ModelView::of).toList()));
        } else {
            out.table(List.of("NAME", "LATEST", "LIVE", "ALIASES", "TAGS"), models.stream()
                    .map(m -> List.of(m.name(), m.latestVersion().map(String::valueOf).orElse("-"),
                            Integer.toString(m.liveVersions()), Rows.pairs(m.aliases()), Rows.pairs(m.tags())))
                    .toList());
        }
        return ExitCodes.OK;
    }
}
