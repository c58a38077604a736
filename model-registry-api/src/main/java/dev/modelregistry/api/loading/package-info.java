/**
 * Loading stored models: the {@link dev.modelregistry.api.loading.ModelLoader} service, the
 * {@link dev.modelregistry.api.loading.ModelCodec} plug-in that decodes one format, and the
 * {@link dev.modelregistry.api.loading.LoadedModel} it returns.
 */
package dev.modelregistry.api.loading;
