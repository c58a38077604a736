/**
 * The public API of model-registry: model references, name rules and the one unchecked
 * exception hierarchy rooted at {@link dev.modelregistry.api.ModelRegistryException}.
 *
 * <p>This module depends on the JDK only. Service interfaces live in the feature packages
 * ({@code storage}, {@code version}, {@code training}, {@code evaluation}, {@code deployment});
 * the default implementation is {@code model-registry-core}.
 */
package dev.modelregistry.api;
