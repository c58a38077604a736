package dev.modelregistry.cli;

import dev.modelregistry.api.maintenance.VerifyReport;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code verify}: re-reads and re-hashes every live artifact; exit 4 if anything is missing or corrupt. */
@Command(name = "verify", description = "Re-hash every live artifact and check the database; exit 4 if the"
        + " registry is not healthy.")
final class VerifyCommand extends RegistryCommand {
    @Override
    int run(RegistrySession session, Output out) {
        VerifyReport report = session.verify();
        if (json()) {
            out.json(Views.VerifyView.of(report));
        } else {
            out.line((report.healthy() ? "healthy" : "NOT HEALTHY") + ": " + report.versionsChecked()
                    + " version(s), " + report.blobsChecked() + " artifact(s), " + report.bytesChecked()
                    + " bytes checked");
            if (!report.findings().isEmpty()) {
                out.table(List.of("KIND", "SUBJECT", "DETAIL"), report.findings().stream()
                        .map(f -> List.of(f.kind().name(), f.subject(), f.detail())).toList());
            }
        }
        return report.healthy() ? ExitCodes.OK : ExitCodes.INTEGRITY;
    }
}
