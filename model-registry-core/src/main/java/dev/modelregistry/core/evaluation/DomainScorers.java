package dev.modelregistry.core.evaluation;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.DomainOptions;
import dev.modelregistry.api.evaluation.DomainScorer;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.ReportSection;
import dev.modelregistry.api.training.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The domain scorers an evaluator knows, by domain, and the binding of options to them. Immutable,
 * thread-safe.
 */
final class DomainScorers {
    private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9_]*");
    /** The scorers on core's class path, found once (the market scorer among them). */
    static final DomainScorers DISCOVERED = discover(DomainScorers.class.getClassLoader());

    private final Map<String, DomainScorer<?>> byDomain;

    DomainScorers(List<? extends DomainScorer<?>> scorers) {
        Map<String, DomainScorer<?>> map = new LinkedHashMap<>();
        for (DomainScorer<?> s : scorers) {
            String domain = s.domain();
            if (!DOMAIN.matcher(domain).matches()) {
                throw new InvalidArgumentException("domain scorer " + s.getClass().getName() + " has domain '"
                        + domain + "'; use lower-case letters, digits and underscores");
            }
            DomainScorer<?> before = map.put(domain, s);
            if (before != null) {
                throw new InvalidArgumentException("two domain scorers for '" + domain + "': "
                        + before.getClass().getName() + " and " + s.getClass().getName());
            }
        }
        this.byDomain = map;
    }

    @SuppressWarnings("rawtypes")
    static DomainScorers discover(ClassLoader loader) {
        List<DomainScorer<?>> found = new ArrayList<>();
        for (DomainScorer<?> s : ServiceLoader.load(DomainScorer.class, loader)) {
            found.add(s);
        }
        return new DomainScorers(found);
    }

    /** The section type stored under a domain, if a scorer for it is known. */
    Optional<Class<? extends ReportSection>> sectionType(String domain) {
        return Optional.ofNullable(byDomain.get(domain)).map(DomainScorer::sectionType);
    }

    /** The scorers the options turn on that apply to their task, each with its settings, in the options' order. */
    List<Bound<?>> bind(List<DomainOptions> options, Task task) {
        List<Bound<?>> out = new ArrayList<>();
        for (DomainOptions o : options) {
            DomainScorer<?> scorer = byDomain.values().stream().filter(s -> s.optionsType().isInstance(o)).findFirst()
                    .orElseThrow(() -> new InvalidArgumentException("no domain scorer takes "
                            + o.getClass().getName() + "; known domains: " + byDomain.keySet()));
            if (scorer.appliesTo(task)) {
                out.add(bound(scorer, o));
            }
        }
        return out;
    }

    private static <O extends DomainOptions> Bound<O> bound(DomainScorer<O> scorer, DomainOptions options) {
        return new Bound<>(scorer, scorer.optionsType().cast(options));
    }

    /** A scorer with its settings. */
    record Bound<O extends DomainOptions>(DomainScorer<O> scorer, O options) {
        String domain() {
            return scorer.domain();
        }

        DomainScorer.Scored score(Predictions predictions) {
            return scorer.score(predictions, options);
        }

        Map<String, Double> foldMetrics(Predictions fold) {
            return scorer.foldMetrics(fold, options);
        }

        boolean lowerIsBetter(String metric) {
            return scorer.lowerIsBetter(metric);
        }
    }
}
