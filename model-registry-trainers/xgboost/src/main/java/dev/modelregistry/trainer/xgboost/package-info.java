/**
 * The xgboost trainer: gradient-boosted trees from xgboost4j, found through
 * {@link dev.modelregistry.api.training.TrainerProvider} with the id {@code xgboost}.
 *
 * <p>Models are written in xgboost's own UBJSON model format (format id {@code xgboost-ubjson}), which
 * any xgboost binding (Python, R, C) of version 2.0 or later can read.
 */
package dev.modelregistry.trainer.xgboost;
