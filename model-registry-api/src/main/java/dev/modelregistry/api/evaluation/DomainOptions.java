package dev.modelregistry.api.evaluation;

/**
 * The settings of one domain's evaluation, for example the market metrics' trading cost and gates. Adding
 * them with {@link EvaluationOptions#withDomain(DomainOptions)} turns that domain on: the evaluator finds the
 * {@link DomainScorer} whose {@link DomainScorer#optionsType()} they are, and the report gets its section,
 * rules and score components.
 *
 * <p>Implementations are immutable, thread-safe values.
 */
public interface DomainOptions {
}
