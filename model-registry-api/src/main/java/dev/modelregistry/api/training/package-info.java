/**
 * Training: the {@link dev.modelregistry.api.training.Trainer} interface and the
 * {@link dev.modelregistry.api.training.TrainerProvider} SPI through which trainer modules
 * (xgboost, lightgbm, tribuo) are found with {@link java.util.ServiceLoader}, and what a trainer shares
 * with every other: its input checked once ({@link dev.modelregistry.api.training.TrainingInput}), its
 * hyper-parameters resolved once ({@link dev.modelregistry.api.training.HyperParameters}), one early-stopping
 * rule ({@link dev.modelregistry.api.training.EarlyStopping}) and a base for the rest
 * ({@link dev.modelregistry.api.training.TrainerSupport}).
 */
package dev.modelregistry.api.training;
