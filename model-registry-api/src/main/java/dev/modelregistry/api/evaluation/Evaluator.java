package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.Predictor;

/**
 * Scores a predictor on data it was not trained on and compares a challenger with the champion. The
 * {@linkplain EvaluationOptions#guards() guards} hold back (at best HOLD) an evaluation that looks leaked or
 * in-sample.
 *
 * <p>Implementations are thread-safe. No argument may be null ({@link NullPointerException}).
 */
public interface Evaluator {

    /**
     * Evaluates a predictor: predicts every row of {@code data}, then computes the report. Rows are
     * split into {@link EvaluationOptions#segments()} contiguous folds for stability, and every
     * feature is perturbed slightly to measure sensitivity.
     *
     * @param model the predictor
     * @param data rows the model did not see in training; labels are the values to predict (realised
     *     returns for the market domain) or 0/1 (classification); repeated times mean a cross-section of
     *     assets on one date
     * @param options the settings, with the domains to evaluate as well
     * @return the report
     * @throws dev.modelregistry.api.InvalidArgumentException if the data is empty, a prediction is not
     *     finite, the labels do not fit the task, or no known {@link DomainScorer} takes a domain's options
     */
    EvaluationReport evaluate(Predictor model, Dataset data, EvaluationOptions options);

    /**
     * Evaluates predictions made elsewhere, for example out-of-sample predictions of walk-forward
     * folds, each trained only on the past. No perturbation sensitivity is computed.
     *
     * @param predictions aligned labels and predictions, with optional dates, assets and folds
     * @param options the settings
     * @return the report
     * @throws dev.modelregistry.api.InvalidArgumentException if the labels do not fit the task
     */
    EvaluationReport evaluate(Predictions predictions, EvaluationOptions options);

    /**
     * Puts the same data through the champion and the challenger and decides whether the challenger
     * should replace it.
     *
     * @param champion the model serving now
     * @param challenger the candidate
     * @param data rows neither model trained on
     * @param options the settings
     * @return both reports, the deltas, the Diebold–Mariano test and the decision
     * @throws dev.modelregistry.api.InvalidArgumentException as {@link #evaluate(Predictor, Dataset, EvaluationOptions)}
     */
    ChampionChallengerReport compare(Predictor champion, Predictor challenger, Dataset data,
            EvaluationOptions options);

    /**
     * Compares predictions of the champion and the challenger made elsewhere on the same rows.
     *
     * @param champion the champion's predictions
     * @param challenger the challenger's predictions, with the same labels in the same order
     * @param options the settings
     * @return both reports, the deltas, the Diebold–Mariano test and the decision
     * @throws dev.modelregistry.api.InvalidArgumentException if the two do not share their labels
     */
    ChampionChallengerReport compare(Predictions champion, Predictions challenger, EvaluationOptions options);
}
