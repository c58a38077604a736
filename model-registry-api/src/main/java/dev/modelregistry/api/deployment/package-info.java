/**
 * Deployment: {@link dev.modelregistry.api.deployment.Deployer} binds versions to named environments
 * with a {@link dev.modelregistry.api.deployment.DeploymentSpec} (replace, canary with traffic steps,
 * shadow, blue-green; sticky or random routing; an optional
 * {@link dev.modelregistry.api.deployment.CanaryPolicy}), moves them through an explicit life cycle
 * ({@link dev.modelregistry.api.deployment.DeploymentState}) and hands out the
 * {@link dev.modelregistry.api.deployment.Endpoint} that serves each environment.
 */
package dev.modelregistry.api.deployment;
