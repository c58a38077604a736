package dev.modelregistry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollback ENV}: drops the candidate in an environment, or with none, restores the previous stable
 * version. (An alias is rolled back with {@code alias rollback}.)
 */
@Command(name = "rollback", description = "Roll back the deployment in ENV (the candidate, or else the stable"
        + " version to the previous one).")
final class RollbackCommand extends RegistryCommand {
    @Parameters(paramLabel = "ENV", description = "The environment.")
    private String environment;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "manual",
            description = "Recorded in the deployment history (default: ${DEFAULT-VALUE}).")
    private String reason;

    @Override
    int run(RegistrySession session, Output out) {
        Deployments.print(out, json(), "rolled back to", session.deployer().rollback(environment, reason));
        return ExitCodes.OK;
    }
}
