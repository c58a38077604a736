package dev.modelregistry.cli;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentStrategy;
import dev.modelregistry.api.deployment.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deploy REF --env ENV}: puts a version into an environment, as a replacement, canary, shadow or
 * blue-green candidate. Environments that require a passing evaluation (production) refuse a version without one
 * (exit 3) unless {@code --override-evaluation REASON} is given, which is audited.
 */
@Command(name = "deploy", description = "Deploy a version to an environment.")
final class DeployCommand extends RegistryCommand {
    @Parameters(paramLabel = "REF", description = "NAME, NAME/VERSION or NAME@ALIAS")
    private String ref;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment, e.g. staging.")
    private String environment;

    @Option(names = "--strategy", paramLabel = "STRATEGY", defaultValue = "REPLACE",
            description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private DeploymentStrategy strategy;

    @Option(names = "--steps", split = ",", paramLabel = "PERCENT",
            description = "A canary's traffic steps in percent, increasing (default for a canary: 10).")
    private List<Integer> steps = new ArrayList<>();

    @Option(names = "--routing", paramLabel = "ROUTING",
            description = "How a canary's traffic is split: ${COMPLETION-CANDIDATES} (default: STICKY).")
    private Routing routing;

    @Option(names = "--override-evaluation", paramLabel = "REASON",
            description = "Deploy without a passing evaluation where one is required; the reason is audited.")
    private String override;

    @Override
    int run(RegistrySession session, Output out) {
        List<Integer> canarySteps = strategy == DeploymentStrategy.CANARY && steps.isEmpty() ? List.of(10) : steps;
        DeploymentSpec spec = new DeploymentSpec(strategy, canarySteps,
                routing == null ? Routing.STICKY : routing, Optional.empty());
        if (override != null) {
            spec = spec.withEvaluationOverride(override);
        }
        Deployment d = session.deployer().deploy(ModelRef.parse(ref), environment, spec);
        Deployments.print(out, json(), "deployed", d);
        return ExitCodes.OK;
    }
}
