/**
 * Generators of the registry's domain values for property tests: valid and invalid model names,
 * aliases, tags, metrics, feature schemas, training provenance, whole {@link
 * dev.modelregistry.api.version.ModelMetadata} documents, artifacts and small tabular datasets.
 * Everything is reached through {@link dev.modelregistry.testkit.domain.DomainGen}.
 *
 * <p>Like every {@link dev.modelregistry.testkit.property.Gen}, these generators are immutable and
 * thread-safe, never produce null and shrink without extra code.
 */
package dev.modelregistry.testkit.domain;
