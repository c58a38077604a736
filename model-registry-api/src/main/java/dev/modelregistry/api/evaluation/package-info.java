/**
 * Evaluation: {@link dev.modelregistry.api.evaluation.Evaluator} scores a predictor on held-out data.
 * The evaluation issue adds stock metrics, stability, the composite score and the recommendation.
 */
package dev.modelregistry.api.evaluation;
