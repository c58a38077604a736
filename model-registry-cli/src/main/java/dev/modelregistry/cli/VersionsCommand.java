package dev.modelregistry.cli;

import dev.modelregistry.api.version.ModelVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code versions NAME}: a model's versions, oldest first. */
@Command(name = "versions", description = "List a model's versions, oldest first.")
final class VersionsCommand extends RegistryCommand {
    @Parameters(paramLabel = "NAME", description = "The model.")
    private String model;

    @Option(names = "--all", description = "Include deleted versions.")
    private boolean all;

    @Override
    int run(RegistrySession session, Output out) {
        List<ModelVersion> versions = all ? session.versions().history(model) : session.versions().versions(model);
        if (json()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("model", model);
            answer.put("versions", versions.stream().map(Views.VersionView::of).toList());
            out.json(answer);
        } else {
            out.table(Rows.VERSION_HEADER, versions.stream().map(Rows::version).toList());
        }
        return ExitCodes.OK;
    }
}
