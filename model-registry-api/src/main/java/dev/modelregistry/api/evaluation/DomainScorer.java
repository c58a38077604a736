package dev.modelregistry.api.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Task;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The SPI through which a domain adds its own evaluation (market metrics of predicted returns, for
 * example) to the generic one. An implementation is listed in
 * {@code META-INF/services/dev.modelregistry.api.evaluation.DomainScorer}, has a public no-argument
 * constructor, and is turned on per evaluation by adding its {@link DomainOptions} to the
 * {@link EvaluationOptions}.
 *
 * <p>For each evaluation where it {@linkplain #appliesTo applies}, a scorer contributes:
 * <ul>
 *   <li>a {@link ReportSection}, kept in {@link EvaluationReport#sections()} under {@link #domain()};</li>
 *   <li>rules, checked after {@code min_samples}; on a regression they stand in for the generic
 *       {@code min_r2} gate, because the domain judges what the predictions are for;</li>
 *   <li>inputs of the composite score, each with its weight and its value normalised to [0, 1];</li>
 *   <li>metrics of each fold, for stability.</li>
 * </ul>
 * Names of metrics and score components must not repeat the generic ones.
 *
 * <p>Implementations are stateless and thread-safe; bad data throws {@link InvalidArgumentException}.
 *
 * @param <O> the settings this scorer reads
 */
public interface DomainScorer<O extends DomainOptions> {

    /**
     * The key of this domain's section in a report, e.g. {@code market}; also names it in stored reports.
     *
     * @return lower-case letters, digits and underscores
     */
    String domain();

    /**
     * The settings that turn this scorer on.
     *
     * @return the options type
     */
    Class<O> optionsType();

    /**
     * The section this scorer adds, so that a stored report can be read back.
     *
     * @return the section type
     */
    Class<? extends ReportSection> sectionType();

    /**
     * Whether this domain applies to a task; the evaluation skips it otherwise.
     *
     * @param task the task evaluated
     * @return true if it applies
     */
    boolean appliesTo(Task task);

    /**
     * Scores every row.
     *
     * @param predictions the rows, with their dates, assets and folds as given
     * @param options the settings
     * @return the section, rules and score inputs
     * @throws InvalidArgumentException if the rows do not fit this domain
     */
    Scored score(Predictions predictions, O options);

    /**
     * Scores the rows of one fold.
     *
     * @param fold the fold's rows, with their dates and assets
     * @param options the settings
     * @return metric name to value, only those defined on this fold
     */
    Map<String, Double> foldMetrics(Predictions fold, O options);

    /**
     * Whether a smaller value of one of this domain's fold metrics is better (it decides the worst fold).
     *
     * @param metric a name from {@link #foldMetrics}
     * @return true if lower is better
     */
    boolean lowerIsBetter(String metric);

    /**
     * What a domain adds to one evaluation.
     *
     * @param section the domain's section of the report
     * @param rules the domain's rules, checked, in the order the decision lists them
     * @param scoreInputs the domain's inputs of the composite score
     */
    record Scored(ReportSection section, List<RuleOutcome> rules, List<ScoreInput> scoreInputs) {
        /**
         * Checks and copies the parts.
         *
         * @param section not null
         * @param rules not null
         * @param scoreInputs not null
         */
        public Scored {
            Objects.requireNonNull(section, "section");
            rules = List.copyOf(rules);
            scoreInputs = List.copyOf(scoreInputs);
        }
    }

    /**
     * One input of the composite score from a domain; the evaluator adds its share of the score.
     *
     * @param name the component's name
     * @param weight its weight, finite and at least 0
     * @param input the raw metric value; empty when undefined
     * @param normalised the value mapped to [0, 1]; 0 when undefined
     */
    record ScoreInput(String name, double weight, OptionalDouble input, double normalised) {
        /**
         * Checks the fields.
         *
         * @param name not null
         * @param weight finite, at least 0
         * @param input not null
         * @param normalised in [0, 1]
         * @throws InvalidArgumentException if the weight or the normalised value is out of range
         */
        public ScoreInput {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new InvalidArgumentException("weight of '" + name + "' must be finite and >= 0, got " + weight);
            }
            if (!(normalised >= 0 && normalised <= 1)) {
                throw new InvalidArgumentException("normalised '" + name + "' must be in [0, 1], got " + normalised);
            }
        }
    }
}
