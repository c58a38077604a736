package dev.modelregistry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ramp ENV PERCENT}: sets the canary's share of traffic. */
@Command(name = "ramp", description = "Give the canary in ENV this percentage of traffic.")
final class RampCommand extends RegistryCommand {
    @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
    private String environment;

    @Parameters(index = "1", paramLabel = "PERCENT", description = "1..100")
    private int percent;

    @Override
    int run(RegistrySession session, Output out) {
        Deployments.print(out, json(), "ramped", session.deployer().setCanaryWeight(environment, percent));
        return ExitCodes.OK;
    }
}
