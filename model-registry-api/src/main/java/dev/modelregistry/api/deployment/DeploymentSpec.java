package dev.modelregistry.api.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to deploy a version: the strategy, the canary's traffic steps, the routing, an optional
 * canary-analysis policy, and an optional override of the evaluation gate.
 *
 * <p>An environment that requires a passing evaluation (in the registry, {@code "production"} unless
 * configured otherwise) refuses a version whose stored recommendation is REJECT or missing, with an
 * {@link EvaluationGateException}. {@link #withEvaluationOverride(String)} deploys it anyway, on purpose:
 * the override, its reason, the actor and the recommendation overridden are written to the audit trail,
 * and the override also covers the promotion of this deployment.
 *
 * <p>Immutable and thread-safe.
 *
 * @param strategy the strategy
 * @param stepsPercent for {@link DeploymentStrategy#CANARY}: the canary's traffic share in percent,
 *     one entry per step, strictly increasing, each 1 to 100 (the first is where it starts; automatic
 *     analysis moves it up one step at a time and promotes it after the last); empty for the others
 * @param routing how requests are split between stable and canary
 * @param policy the automatic canary-analysis policy, or empty to decide by hand only
 * @param evaluationOverride why this version is deployed although its evaluation fails the environment's
 *     gate (non-blank), or empty to respect the gate
 */
public record DeploymentSpec(DeploymentStrategy strategy, List<Integer> stepsPercent, Routing routing,
        Optional<CanaryPolicy> policy, Optional<String> evaluationOverride) {
    /**
     * Validates the spec.
     *
     * @param strategy the strategy
     * @param stepsPercent the canary steps
     * @param routing the routing
     * @param policy the analysis policy
     * @param evaluationOverride the reason for overriding the evaluation gate
     * @throws InvalidArgumentException if the steps do not fit the strategy, or an override's reason is blank
     * @throws NullPointerException if an argument is null
     */
    public DeploymentSpec {
        Objects.requireNonNull(strategy, "strategy");
        stepsPercent = List.copyOf(stepsPercent);
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(evaluationOverride, "evaluationOverride");
        if (evaluationOverride.isPresent() && evaluationOverride.get().isBlank()) {
            throw new InvalidArgumentException("overriding the evaluation gate needs a reason, got a blank one");
        }
        if (strategy == DeploymentStrategy.CANARY) {
            if (stepsPercent.isEmpty()) {
                throw new InvalidArgumentException("a canary needs at least one traffic step");
            }
            int previous = 0;
            for (int step : stepsPercent) {
                if (step < 1 || step > 100 || step <= previous) {
                    throw new InvalidArgumentException("canary steps must be strictly increasing percentages in"
                            + " 1..100, got " + stepsPercent);
                }
                previous = step;
            }
        } else if (!stepsPercent.isEmpty()) {
            throw new InvalidArgumentException("only a canary has traffic steps; " + strategy + " got " + stepsPercent);
        }
    }

    /**
     * A spec that respects the evaluation gate.
     *
     * @param strategy the strategy
     * @param stepsPercent the canary steps
     * @param routing the routing
     * @param policy the analysis policy
     * @throws InvalidArgumentException if the steps do not fit the strategy
     * @throws NullPointerException if an argument is null
     */
    public DeploymentSpec(DeploymentStrategy strategy, List<Integer> stepsPercent, Routing routing,
            Optional<CanaryPolicy> policy) {
        this(strategy, stepsPercent, routing, policy, Optional.empty());
    }

    /**
     * A sticky canary with one traffic share.
     *
     * @param percent the share, 1 to 100
     * @return the spec
     */
    public static DeploymentSpec canary(int percent) {
        return canarySteps(List.of(percent));
    }

    /**
     * A sticky canary that analysis ramps through the given shares before promoting it.
     *
     * @param stepsPercent strictly increasing shares, each 1 to 100
     * @return the spec
     */
    public static DeploymentSpec canarySteps(List<Integer> stepsPercent) {
        return new DeploymentSpec(DeploymentStrategy.CANARY, stepsPercent, Routing.STICKY, Optional.empty());
    }

    /**
     * Replace the current version at once.
     *
     * @return the spec
     */
    public static DeploymentSpec replace() {
        return new DeploymentSpec(DeploymentStrategy.REPLACE, List.of(), Routing.STICKY, Optional.empty());
    }

    /**
     * Score copies of traffic, never returning the answers.
     *
     * @return the spec
     */
    public static DeploymentSpec shadow() {
        return new DeploymentSpec(DeploymentStrategy.SHADOW, List.of(), Routing.STICKY, Optional.empty());
    }

    /**
     * Deploy beside the current version without traffic; {@link Deployer#promote} switches.
     *
     * @return the spec
     */
    public static DeploymentSpec blueGreen() {
        return new DeploymentSpec(DeploymentStrategy.BLUE_GREEN, List.of(), Routing.STICKY, Optional.empty());
    }

    /**
     * A copy with another routing.
     *
     * @param value the routing
     * @return the new spec
     */
    public DeploymentSpec withRouting(Routing value) {
        return new DeploymentSpec(strategy, stepsPercent, value, policy, evaluationOverride);
    }

    /**
     * A copy with an automatic canary-analysis policy.
     *
     * @param value the policy
     * @return the new spec
     */
    public DeploymentSpec withPolicy(CanaryPolicy value) {
        return new DeploymentSpec(strategy, stepsPercent, routing, Optional.of(value), evaluationOverride);
    }

    /**
     * A copy that deploys even where the environment requires a passing evaluation and the version's stored
     * recommendation is REJECT or missing. The registry writes the override to its audit trail with the
     * actor, the version, the recommendation overridden and this reason; the override also covers
     * promoting this deployment. Where the evaluation passes, or the environment is not guarded, it changes
     * nothing and is not audited.
     *
     * @param reason why the gate is overridden, in words a reviewer can check (not blank)
     * @return the new spec
     * @throws InvalidArgumentException if the reason is blank
     */
    public DeploymentSpec withEvaluationOverride(String reason) {
        Objects.requireNonNull(reason, "reason");
        return new DeploymentSpec(strategy, stepsPercent, routing, policy, Optional.of(reason));
    }

    /**
     * The share a candidate starts with: the first step for a canary, 0 for the others.
     *
     * @return percent, 0 to 100
     */
    public int initialWeightPercent() {
        return stepsPercent.isEmpty() ? 0 : stepsPercent.get(0);
    }
}
