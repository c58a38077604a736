package dev.modelregistry.cli;

import dev.modelregistry.api.maintenance.GcReport;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gc}: removes unreferenced artifacts and leftover temp files older than the grace period. */
@Command(name = "gc", description = "Remove unreferenced artifacts and leftover temp files. Never removes a"
        + " version's bytes.")
final class GcCommand extends RegistryCommand {
    @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Only leftovers older than this: 30s, 10m, 1h, 2d or ISO-8601 (default: 1h).")
    private Duration grace;

    @Option(names = "--force", description = "Proceed even when most of the store would be removed (after a lost"
            + " database, only if you know why).")
    private boolean force;

    @Override
    int run(RegistrySession session, Output out) {
        GcReport report = session.gc(Optional.ofNullable(grace), force);
        if (json()) {
            out.json(Views.GcView.of(report));
        } else {
            out.line("removed " + report.blobsRemoved() + " artifact(s) and " + report.tempFilesRemoved()
                    + " temp file(s), " + report.bytesFreed() + " bytes freed");
        }
        return ExitCodes.OK;
    }
}
