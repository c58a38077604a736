package dev.modelregistry.cli;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentStrategy;
import dev.modelregistry.api.deployment.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deploy REF --env ENV}: puts a version into an environment, as a replacement, canary, shadow or
 * blue-green candidate. Environments that require a passing evaluation (production) refuse a version without one
 * (exit 3) unless {@code --override-evaluation REASON} is given, which is audited. A canary is analysed
 * automatically ({@code Deployer.analyze}: stepped up, promoted or rolled back by its numbers) only with a policy:
 * {@code --analyze} for the defaults, or any of the policy options, each replacing its default.
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

    @Option(names = "--analyze", description = "Give the canary a policy, so that its analysis steps it up, promotes"
            + " it or rolls it back (defaults: 500 requests, error rate +0.02, latency x1.5, prediction PSI 0.25);"
            + " without it or an option below, the canary is left to people.")
    private boolean analyze;

    @Option(names = "--min-requests", paramLabel = "N", description = "Requests each side needs before judging.")
    private Optional<Long> minRequests = Optional.empty();

    @Option(names = "--max-error-rate-delta", paramLabel = "RATE",
            description = "How much higher the canary's error rate may be than the stable's, 0 to 1.")
    private Optional<Double> maxErrorRateDelta = Optional.empty();

    @Option(names = "--max-latency-ratio", paramLabel = "RATIO",
            description = "The canary's p95 latency over the stable's, at least 1.")
    private Optional<Double> maxLatencyRatio = Optional.empty();

    @Option(names = "--max-prediction-psi", paramLabel = "PSI",
            description = "How far the canary's predictions may drift from the stable's (PSI).")
    private Optional<Double> maxPredictionPsi = Optional.empty();

    @Option(names = "--min-outcomes", paramLabel = "N",
            description = "Also compare live accuracy once each side has N outcomes (0: off).")
    private Optional<Integer> minOutcomes = Optional.empty();

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
        Optional<CanaryPolicy> policy = policy();
        if (policy.isPresent()) {
            spec = spec.withPolicy(policy.get());
        }
        Deployment d = session.deployer().deploy(ModelRef.parse(ref), environment, spec);
        Deployments.print(out, json(), "deployed", d);
        return ExitCodes.OK;
    }

    /** The policy the options ask for: none unless {@code --analyze} or a policy option is given. */
    private Optional<CanaryPolicy> policy() {
        if (!analyze && Stream.of(minRequests, maxErrorRateDelta, maxLatencyRatio, maxPredictionPsi, minOutcomes)
                .noneMatch(Optional::isPresent)) {
            return Optional.empty();
        }
        if (strategy != DeploymentStrategy.CANARY) {
            throw new InvalidArgumentException("a canary policy (--analyze and the policy options) needs"
                    + " --strategy CANARY, not " + strategy);
        }
        return Optional.of(CanaryPolicy.defaultsWith(minRequests, maxErrorRateDelta, maxLatencyRatio,
                maxPredictionPsi, minOutcomes, Optional.empty()));
    }
}
