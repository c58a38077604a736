/**
 * The LightGBM trainer: a {@link dev.modelregistry.api.training.TrainerProvider} with id {@code lightgbm},
 * found through {@link java.util.ServiceLoader}. It trains gradient-boosted trees with the native LightGBM
 * library (through lightgbm4j) and stores models in LightGBM's own text format ({@code lightgbm-text}).
 */
package dev.modelregistry.trainer.lightgbm;
