package dev.modelregistry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code promote ENV}: makes the candidate in an environment its stable version. */
@Command(name = "promote", description = "Make the candidate (canary, shadow) in ENV its stable version.")
final class PromoteCommand extends RegistryCommand {
    @Parameters(paramLabel = "ENV", description = "The environment.")
    private String environment;

    @Override
    int run(RegistrySession session, Output out) {
        Deployments.print(out, json(), "promoted", session.deployer().promote(environment));
        return ExitCodes.OK;
    }
}
