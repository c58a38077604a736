/**
 * Internal, not API: model loading. The codec set discovered through {@code ServiceLoader}, decoding
 * with digest verification, the size-bounded cache behind {@code ModelRegistry.models()}, and the
 * uncached serving copies endpoints use. Anything here may change in any release.
 */
package dev.modelregistry.core.internal.loading;
