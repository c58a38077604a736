/**
 * The registry's training service and the values it takes and returns:
 * {@link dev.modelregistry.api.training.service.TrainingService} trains a
 * {@link dev.modelregistry.api.training.service.TrainingRequest} (trainer, spec, data, validation set,
 * {@link dev.modelregistry.api.training.service.PreprocessingSpec preprocessing}) into a
 * {@link dev.modelregistry.api.training.service.TrainedModel}, in the background as a
 * {@link dev.modelregistry.api.training.service.TrainingJob}, validates it over
 * {@link dev.modelregistry.api.training.service.Splits time-ordered splits} into a
 * {@link dev.modelregistry.api.training.service.ValidationReport}, and registers it.
 *
 * <p>It sits apart from {@code dev.modelregistry.api.training}, the trainer SPI, because it also speaks
 * of versions and metadata ({@code dev.modelregistry.api.version}), which a trainer never needs.
 */
package dev.modelregistry.api.training.service;
