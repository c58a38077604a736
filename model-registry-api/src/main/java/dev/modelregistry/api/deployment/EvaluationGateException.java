package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.evaluation.Recommendation;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment or promotion was refused because the environment requires a passing evaluation and the
 * version has none: its stored recommendation is {@link Recommendation#REJECT}, or no evaluation is stored
 * on it. Nothing was changed. Evaluate the version (and store the report), deploy it elsewhere, or deploy
 * it on purpose with {@link DeploymentSpec#withEvaluationOverride(String)}, which is audited.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class EvaluationGateException extends ConflictException {
    private static final long serialVersionUID = 1L;

    private final String model;
    private final int versionNumber;
    private final String environment;
    /** Null when no evaluation is stored. */
    private final Recommendation recommendation;
    private final String reason;

    /**
     * Creates the exception; its message names the version, the environment, the recommendation and its
     * reason.
     *
     * @param version the version refused
     * @param environment the guarded environment
     * @param recommendation the stored recommendation that failed, or empty if none is stored
     * @param reason the recommendation's own reason, or why there is none
     */
    public EvaluationGateException(ModelRef.Numbered version, String environment,
            Optional<Recommendation> recommendation, String reason) {
        super(message(version, environment, recommendation, reason));
        this.model = version.model();
        this.versionNumber = version.version();
        this.environment = environment;
        this.recommendation = recommendation.orElse(null);
        this.reason = reason;
    }

    private static String message(ModelRef.Numbered version, String environment,
            Optional<Recommendation> recommendation, String reason) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(reason, "reason");
        return "'" + environment + "' requires a passing evaluation, but " + version
                + recommendation.map(r -> " is recommended " + r + ": " + reason)
                        .orElse(" has no stored evaluation (" + reason + ")")
                + "; evaluate it and store the report, or deploy with"
                + " DeploymentSpec.withEvaluationOverride(reason), which is audited";
    }

    /**
     * The version refused.
     *
     * @return the version
     */
    public ModelRef.Numbered version() {
        return new ModelRef.Numbered(model, versionNumber);
    }

    /**
     * The environment that requires a passing evaluation.
     *
     * @return the environment's name
     */
    public String environment() {
        return environment;
    }

    /**
     * The stored recommendation that failed the gate.
     *
     * @return the recommendation, or empty when the version has no stored evaluation
     */
    public Optional<Recommendation> recommendation() {
        return Optional.ofNullable(recommendation);
    }

    /**
     * The recommendation's own reason (the rules that decided it), or why there is no recommendation.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
