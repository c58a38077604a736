/**
 * Training: the {@link dev.modelregistry.api.training.Trainer} interface and the
 * {@link dev.modelregistry.api.training.TrainerProvider} SPI through which trainer modules
 * (xgboost, lightgbm, tribuo) are found with {@link java.util.ServiceLoader}.
 */
package dev.modelregistry.api.training;
