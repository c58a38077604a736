/**
 * XGBoost on Apache Spark: {@link dev.modelregistry.trainer.spark.SparkXGBoostTrainer} trains on a cluster into an
 * ordinary registry version that the plain {@code xgboost} trainer serves without Spark,
 * {@link dev.modelregistry.trainer.spark.SparkScoring} scores a registered version over a Spark dataset, and
 * {@link dev.modelregistry.trainer.spark.SparkWalkForward} runs walk-forward folds as Spark jobs.
 */
package dev.modelregistry.trainer.spark;
