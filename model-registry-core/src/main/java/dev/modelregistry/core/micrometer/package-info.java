/**
 * Micrometer binding of endpoint metrics ({@link dev.modelregistry.core.micrometer.MicrometerServingMetrics}),
 * an implementation of the api's {@link dev.modelregistry.api.monitoring.ServingMetrics} seam. Kept in its own
 * package so that Micrometer, an optional dependency, stays off the rest of core: nothing else in core refers to
 * it.
 */
package dev.modelregistry.core.micrometer;
