/**
 * XGBoost on Apache Spark: {@link dev.modelregistry.trainer.spark.SparkXGBoostTrainer} trains a Spark dataset on a
 * cluster into an ordinary registry version that the plain {@code xgboost} trainer serves without Spark; the
 * {@code xgboost-spark} trainer ({@link dev.modelregistry.trainer.spark.SparkTrainerProvider}) does the same for
 * the registry's own training requests, validation and walk-forward folds; and
 * {@link dev.modelregistry.trainer.spark.SparkScoring} scores a registered version over a Spark dataset.
 */
package dev.modelregistry.trainer.spark;
