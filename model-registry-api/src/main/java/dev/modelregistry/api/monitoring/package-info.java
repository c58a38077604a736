/**
 * Monitoring of deployed versions: per-deployment {@link dev.modelregistry.api.monitoring.VersionMetrics},
 * drift against a training reference ({@link dev.modelregistry.api.monitoring.DriftReport}), alert rules
 * ({@link dev.modelregistry.api.monitoring.AlertRules}) that raise de-duplicated
 * {@link dev.modelregistry.api.monitoring.Alert}s to {@link dev.modelregistry.api.monitoring.AlertListener}s,
 * all behind the {@link dev.modelregistry.api.monitoring.Monitoring} service; and the
 * {@link dev.modelregistry.api.monitoring.ServingMetrics} seam through which a metrics library (Micrometer,
 * for one) hears every request.
 *
 * <p>Depends on {@code dev.modelregistry.api} and {@code dev.modelregistry.api.deployment}; nothing in the
 * api depends on this package.
 */
package dev.modelregistry.api.monitoring;
