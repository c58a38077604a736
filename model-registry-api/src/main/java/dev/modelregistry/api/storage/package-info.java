/**
 * Artifact storage: the content-addressed blob store ({@link dev.modelregistry.api.storage.ModelStorage})
 * and the values it hands out. It knows bytes and digests only, nothing of versions; model loading,
 * which does, is in {@code dev.modelregistry.api.loading}.
 */
package dev.modelregistry.api.storage;
