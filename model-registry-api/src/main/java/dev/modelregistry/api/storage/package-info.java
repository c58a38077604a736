/**
 * Artifact storage: the content-addressed blob store ({@link dev.modelregistry.api.storage.ModelStorage}),
 * the codecs that turn stored bytes into loaded models, and the loader that ties them to versions.
 */
package dev.modelregistry.api.storage;
