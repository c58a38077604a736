package dev.modelregistry.api.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to deploy a version: the strategy, the canary's traffic steps, the routing and an optional
 * canary-analysis policy.
 *
 * <p>Immutable and thread-safe.
 *
 * @param strategy the strategy
 * @param stepsPercent for {@link DeploymentStrategy#CANARY}: the canary's traffic share in percent,
 *     one entry per step, strictly increasing, each 1 to 100 (the first is where it starts; automatic
 *     analysis moves it up one step at a time and promotes it after the last); empty for the others
 * @param routing how requests are split between stable and canary
 * @param policy the automatic canary-analysis policy, or empty to decide by hand only
 */
public record DeploymentSpec(DeploymentStrategy strategy, List<Integer> stepsPercent, Routing routing,
        Optional<CanaryPolicy> policy) {
    /**
     * Validates the spec.
     *
     * @param strategy the strategy
     * @param stepsPercent the canary steps
     * @param routing the routing
     * @param policy the analysis policy
     * @throws InvalidArgumentException if the steps do not fit the strategy
     * @throws NullPointerException if an argument is null
     */
    public DeploymentSpec {
        Objects.requireNonNull(strategy, "strategy");
        stepsPercent = List.copyOf(stepsPercent);
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(policy, "policy");
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
        return new DeploymentSpec(strategy, stepsPercent, value, policy);
    }

    /**
     * A copy with an automatic canary-analysis policy.
     *
     * @param value the policy
     * @return the new spec
     */
    public DeploymentSpec withPolicy(CanaryPolicy value) {
        return new DeploymentSpec(strategy, stepsPercent, routing, Optional.of(value));
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
