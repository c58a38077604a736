/**
 * The registry's implementation of the training service ({@code dev.modelregistry.api.training.service}):
 * {@link dev.modelregistry.core.training.DefaultTrainingService} (which the registry constructs and hands out
 * as the api interface), the preprocessing pipeline fitted on training data and stored with the model, the
 * model-bundle format and its codec, trainer discovery, and datasets from CSV files and rows
 * ({@link dev.modelregistry.core.training.Datasets}) and price features. Everything else is package-private.
 */
package dev.modelregistry.core.training;
