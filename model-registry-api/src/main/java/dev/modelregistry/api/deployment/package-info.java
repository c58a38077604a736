/**
 * Deployment: {@link dev.modelregistry.api.deployment.Deployer} binds versions to environments and
 * hands out the {@link dev.modelregistry.api.deployment.Endpoint} that serves them. The deployment
 * issue adds canary analysis, shadow traffic and monitoring.
 */
package dev.modelregistry.api.deployment;
