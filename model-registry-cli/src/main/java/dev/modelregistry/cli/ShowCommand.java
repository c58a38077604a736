package dev.modelregistry.cli;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show REF}: one version in full. */
@Command(name = "show", description = "Show one version: NAME (newest live), NAME/VERSION or NAME@ALIAS.")
final class ShowCommand extends RegistryCommand {
    @Parameters(paramLabel = "REF", description = "NAME, NAME/VERSION or NAME@ALIAS")
    private String ref;

    @Override
    int run(RegistrySession session, Output out) {
        ModelVersion v = session.versions().get(ModelRef.parse(ref));
        if (json()) {
            out.json(Views.VersionView.of(v));
        } else {
            out.fields("model", v.model(), "version", Integer.toString(v.version()), "state", v.state().name(),
                    "format", v.metadata().formatId(), "type", v.metadata().modelType(),
                    "description", v.metadata().description(), "digest", v.artifact().digest().hex(),
                    "size", Long.toString(v.artifact().size()), "aliases", String.join(",", v.aliases()),
                    "tags", Rows.pairs(v.tags()), "metrics", Rows.pairs(v.metadata().metrics()),
                    "deployments", Rows.pairs(v.deployment().stateByEnvironment()),
                    "created", v.createdAt() + " by " + v.createdBy());
        }
        return ExitCodes.OK;
    }
}
