package dev.modelregistry.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code undeploy ENV}: retires every deployment of an environment. */
@Command(name = "undeploy", description = "Retire every deployment in ENV.")
final class UndeployCommand extends RegistryCommand {
    @Parameters(paramLabel = "ENV", description = "The environment.")
    private String environment;

    @Override
    int run(RegistrySession session, Output out) {
        session.deployer().undeploy(environment);
        if (json()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("environment", environment);
            answer.put("undeployed", true);
            out.json(answer);
        } else {
            out.line("undeployed " + environment);
        }
        return ExitCodes.OK;
    }
}
