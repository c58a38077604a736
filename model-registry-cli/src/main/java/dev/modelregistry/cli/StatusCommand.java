package dev.modelregistry.cli;

import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code status [ENV]}: the live deployments, of every environment or one, and optionally its history. */
@Command(name = "status", description = "Show the live deployments (of ENV only, if given).")
final class StatusCommand extends RegistryCommand {
    @Parameters(arity = "0..1", paramLabel = "ENV", description = "The environment.")
    private String environment;

    @Option(names = "--history", description = "Also list ENV's deployment events, oldest first.")
    private boolean history;

    @Override
    int run(RegistrySession session, Output out) {
        if (history && environment == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--history needs an ENV");
        }
        List<Deployment> live = environment == null ? session.deployer().deployments()
                : session.deployer().deployments(environment);
        List<DeploymentEvent> events = history ? session.deployer().history(environment) : List.of();
        if (json()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("deployments", live.stream().map(Views.DeploymentView::of).toList());
            if (history) {
                answer.put("history", events.stream().map(Views.DeploymentEventView::of).toList());
            }
            out.json(answer);
        } else {
            out.table(Deployments.HEADER, live.stream().map(Deployments::row).toList());
            if (history) {
                out.line("");
                out.table(List.of("AT", "ACTION", "VERSION", "FROM", "TO", "WEIGHT", "ACTOR", "REASON"), events.stream()
                        .map(e -> List.of(e.at().toString(), e.action(), e.version().toString(),
                                e.from().map(Enum::name).orElse("-"), e.to().name(), e.weightPercent() + "%", e.actor(),
                                e.reason()))
                        .toList());
            }
        }
        return ExitCodes.OK;
    }
}
