package dev.modelregistry.cli;

import dev.modelregistry.api.archive.ExportReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code export}: one model (or some of its versions) or the whole registry into one signed zip archive. */
@Command(name = "export", description = "Export model NAME, or the whole registry with --all, to a signed zip"
        + " archive.")
final class ExportCommand extends RegistryCommand {
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The model (omit with --all).")
    private String model;

    @Option(names = "--all", description = "Export every model, with alias history, audit trail and deployments.")
    private boolean all;

    @Option(names = "--versions", split = ",", paramLabel = "N", description = "Only these versions of NAME.")
    private List<Integer> versions = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The archive to write.")
    private Path archive;

    @Override
    int run(RegistrySession session, Output out) {
        if (all == (model != null)) {
            throw new ParameterException(spec.commandLine(), "Give either a model NAME or --all");
        }
        if (all && !versions.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--versions needs a model NAME, not --all");
        }
        ExportReport report = all ? session.backups().exportAll(archive)
                : versions.isEmpty() ? session.backups().exportModel(model, archive)
                : session.backups().exportModel(model, versions, archive);
        if (json()) {
            out.json(Views.ExportView.of(report));
        } else {
            out.line("exported " + report.models() + " model(s), " + report.versions() + " version(s), "
                    + report.blobs() + " artifact(s) (" + report.artifactBytes() + " bytes) to " + report.archive());
        }
        return ExitCodes.OK;
    }
}
