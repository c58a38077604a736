package dev.modelregistry.cli;

import dev.modelregistry.api.archive.ImportOptions;
import dev.modelregistry.api.archive.ImportReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import FILE}: an archive, all or nothing. An archive signed by a key this registry does not trust is
 * refused (exit 5) unless {@code --allow-untrusted REASON} says why, which is audited.
 */
@Command(name = "import", description = "Import an archive written by export (all or nothing).")
final class ImportCommand extends RegistryCommand {
    @Parameters(paramLabel = "FILE", description = "The archive.")
    private Path archive;

    @Option(names = "--allow-untrusted", paramLabel = "REASON",
            description = "Accept an archive signed by an untrusted key; the reason is audited.")
    private String untrustedReason;

    @Option(names = "--no-isolated-load-check",
            description = "Do not load an untrusted archive's models in a child JVM before importing.")
    private boolean noIsolatedCheck;

    @Override
    boolean createsRegistry() {
        return true;
    }

    @Override
    int run(RegistrySession session, Output out) {
        ImportOptions options = untrustedReason == null ? ImportOptions.defaults()
                : ImportOptions.allowUntrusted(untrustedReason);
        ImportReport report = session.backups().importArchive(archive, options.isolatedLoadCheck(!noIsolatedCheck));
        if (json()) {
            out.json(Views.ImportView.of(report));
        } else {
            out.line("imported " + report.versionsImported() + " version(s) (" + report.modelsCreated()
                    + " new model(s), " + report.versionsRestored() + " restored, " + report.versionsUnchanged()
                    + " unchanged, " + report.aliasesSet() + " alias(es) set)");
            report.notes().forEach(note -> out.line("  " + note));
        }
        return ExitCodes.OK;
    }
}
