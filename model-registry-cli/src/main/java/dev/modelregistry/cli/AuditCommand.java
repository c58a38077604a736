package dev.modelregistry.cli;

import dev.modelregistry.api.version.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit}: the audit trail, oldest first, optionally of one model and a time range. */
@Command(name = "audit", description = "Show the audit trail, oldest first.")
final class AuditCommand extends RegistryCommand {
    @Option(names = "--model", paramLabel = "NAME", description = "Only this model's entries.")
    private String model;

    @Option(names = "--since", paramLabel = "INSTANT", description = "Only entries at or after, e.g."
            + " 2026-12-01T00:00:00Z.")
    private Instant since;

    @Option(names = "--before", paramLabel = "INSTANT", description = "Only entries before.")
    private Instant before;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "At most N entries (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    int run(RegistrySession session, Output out) {
        List<AuditEntry> entries = session.audit().query(Optional.ofNullable(model), Optional.ofNullable(since),
                Optional.ofNullable(before), limit);
        if (json()) {
            out.json(Map.of("entries", entries.stream().map(Views.AuditView::of).toList()));
        } else {
            out.table(List.of("SEQ", "AT", "ACTOR", "OPERATION", "MODEL", "TARGET", "BEFORE", "AFTER"), entries.stream()
                    .map(e -> List.of(Long.toString(e.sequence()), e.at().toString(), e.actor(), e.operation(),
                            e.model(), e.target(), e.before(), e.after()))
                    .toList());
        }
        return ExitCodes.OK;
    }
}
