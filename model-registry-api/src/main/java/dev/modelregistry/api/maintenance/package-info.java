/**
 * Reports of a registry's housekeeping: what garbage collection removed and what verification found,
 * and the model cache's statistics.
 */
package dev.modelregistry.api.maintenance;
