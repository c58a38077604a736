/**
 * The registry's deployer ({@link dev.modelregistry.core.deployment.DefaultDeployer}) and the seams it is built
 * on: {@link dev.modelregistry.core.internal.metadata.DeploymentStore} (where deployments and history are kept) and
 * {@link dev.modelregistry.core.internal.loading.ModelSource} (private model copies for serving). Everything else here
 * is package-private, one job per class:
 * <ul>
 *   <li>judges, pure functions of plain values: {@code Transitions} (the life-cycle rules),
 *       {@code CanaryJudge} (canary analysis), {@code AlertJudge} (alert rules, baseline, de-duplication,
 *       live-accuracy decay), {@code LiveAccuracies} (live metrics and their tests);</li>
 *   <li>actors that carry verdicts out: {@code DeploymentActions} (store transaction, then routing swap),
 *       {@code CanaryActor} (gathers evidence, acts on the canary verdict);</li>
 *   <li>routing and loading: {@code Endpoints}, {@code LiveEndpoint}, {@code RoutingTable}, {@code Served},
 *       {@code VersionMonitor};</li>
 *   <li>monitoring: {@code DefaultMonitoring} (the api's {@link dev.modelregistry.api.monitoring.Monitoring}),
 *       {@code AlertMemory} (baselines and de-duplication state), {@code AlertNotifier} (listeners),
 *       {@code Drift} (PSI and Kolmogorov–Smirnov);</li>
 *   <li>outcomes: {@code RequestIds} (issues and checks request ids), {@code OutcomeLog} (queues served
 *       predictions, writes them off the serving threads, records outcomes, enforces the retention).</li>
 * </ul>
 * Threads and time come from outside: the deployer is given its executor, scheduler and clock.
 */
package dev.modelregistry.core.deployment;
