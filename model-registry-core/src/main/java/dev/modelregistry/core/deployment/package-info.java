/**
 * The registry's deployer ({@link dev.modelregistry.core.deployment.DefaultDeployer}): deployments and
 * their history in the registry database, one endpoint per environment that serves private model copies
 * with sticky or random weighted routing and shadow scoring, per-deployment
 * {@link dev.modelregistry.core.deployment.Monitoring} (counts, errors, latency percentiles, prediction
 * distribution, PSI and Kolmogorov–Smirnov drift against a training reference, alerts with
 * de-duplication and cool-down, optional Micrometer binding) and automatic canary analysis.
 */
package dev.modelregistry.core.deployment;
