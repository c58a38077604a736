package dev.modelregistry.core.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.evaluation.ChampionChallengerReport;
import dev.modelregistry.api.evaluation.Decision;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.ReportSection;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.core.internal.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports as JSON, stored on a model version. An evaluation is kept as the version's document
 * {@value #DOCUMENT} (a champion-vs-challenger report as {@value #COMPARISON_DOCUMENT}, on the
 * challenger's version), and its headline metrics are added to the version's metrics with the prefix
 * {@value #METRIC_PREFIX} so they are searchable without overwriting training-time metrics. Undefined
 * values are written as JSON {@code null}.
 *
 * <p>A report's sections are written under their domain and read back by the domain scorer known for
 * that domain (see {@link dev.modelregistry.api.evaluation.DomainScorer}); a section whose domain no
 * scorer on the class path knows is left out of the report read, with a warning. A report stored before
 * sections existed, with its market metrics in a {@code stock} field, reads back with them as its
 * {@code market} section.
 *
 * <p>Thread-safe: stateless.
 */
public final class EvaluationReports {
    /** The document name of an evaluation report. */
    public static final String DOCUMENT = "evaluation";
    /** The document name of a champion-vs-challenger report. */
    public static final String COMPARISON_DOCUMENT = "champion-challenger";
    /** The prefix of evaluation metrics on a version. */
    public static final String METRIC_PREFIX = "eval.";
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationReports.class);
    /** Where reports stored before sections existed kept their market metrics, and the section they become. */
    private static final String LEGACY_STOCK_FIELD = "stock";
    private static final String LEGACY_STOCK_SECTION = "market";

    private EvaluationReports() {
    }

    /**
     * Serialises a report.
     *
     * @param report the report
     * @return JSON text
     * @throws InvalidArgumentException if it cannot be serialised
     */
    public static String toJson(EvaluationReport report) {
        return write(Objects.requireNonNull(report, "report"));
    }

    /**
     * Serialises a champion-vs-challenger report.
     *
     * @param report the report
     * @return JSON text
     * @throws InvalidArgumentException if it cannot be serialised
     */
    public static String toJson(ChampionChallengerReport report) {
        return write(Objects.requireNonNull(report, "report"));
    }

    /**
     * Reads a report.
     *
     * @param json text from {@link #toJson(EvaluationReport)}
     * @return the report, equal to the one written
     * @throws StorageException if the text is not a readable report
     */
    public static EvaluationReport fromJson(String json) {
        ObjectNode tree = object(tree(json, EvaluationReport.class), EvaluationReport.class);
        Map<String, ReportSection> sections = takeSections(tree);
        return withSections(convert(tree, EvaluationReport.class), sections);
    }

    /**
     * Reads a champion-vs-challenger report.
     *
     * @param json text from {@link #toJson(ChampionChallengerReport)}
     * @return the report
     * @throws StorageException if the text is not a readable report
     */
    public static ChampionChallengerReport comparisonFromJson(String json) {
        Class<?> type = ChampionChallengerReport.class;
        ObjectNode tree = object(tree(json, type), type);
        Map<String, ReportSection> champion = takeSections(object(tree.get("champion"), type));
        Map<String, ReportSection> challenger = takeSections(object(tree.get("challenger"), type));
        ChampionChallengerReport c = convert(tree, ChampionChallengerReport.class);
        return new ChampionChallengerReport(withSections(c.champion(), champion),
                withSections(c.challenger(), challenger), c.deltas(), c.dieboldMariano(), c.agreement(),
                c.scoreGain(), c.decision(), c.stackedDieboldMariano());
    }

    /**
     * Stores a report on a version: the document {@value #DOCUMENT} and the metrics prefixed with
     * {@value #METRIC_PREFIX}. Replaces an earlier evaluation of that version.
     *
     * @param versions the version manager
     * @param ref the version evaluated
     * @param report the report
     * @return the version with the document and metrics
     * @throws dev.modelregistry.api.NotFoundException if the version does not exist
     */
    public static ModelVersion store(VersionManager versions, ModelRef ref, EvaluationReport report) {
        versions.putDocument(ref, DOCUMENT, toJson(report));
        return versions.putMetrics(ref, prefixed(report.metrics()));
    }

    /**
     * Stores a champion-vs-challenger report on the challenger's version (document
     * {@value #COMPARISON_DOCUMENT}) together with the challenger's own evaluation.
     *
     * @param versions the version manager
     * @param challenger the challenger's version
     * @param report the report
     * @return the version
     * @throws dev.modelregistry.api.NotFoundException if the version does not exist
     */
    public static ModelVersion store(VersionManager versions, ModelRef challenger, ChampionChallengerReport report) {
        store(versions, challenger, report.challenger());
        return versions.putDocument(challenger, COMPARISON_DOCUMENT, toJson(report));
    }

    /**
     * Reads the evaluation stored on a version.
     *
     * @param versions the version manager
     * @param ref the version
     * @return the report, or empty if the version has none
     * @throws StorageException if the stored document is not readable
     */
    public static Optional<EvaluationReport> read(VersionManager versions, ModelRef ref) {
        return Optional.ofNullable(versions.documents(ref).get(DOCUMENT)).map(EvaluationReports::fromJson);
    }

    /**
     * Reads the champion-vs-challenger report stored on a challenger's version.
     *
     * @param versions the version manager
     * @param ref the challenger's version
     * @return the report, or empty if the version has none
     * @throws StorageException if the stored document is not readable
     */
    public static Optional<ChampionChallengerReport> readComparison(VersionManager versions, ModelRef ref) {
        return Optional.ofNullable(versions.documents(ref).get(COMPARISON_DOCUMENT))
                .map(EvaluationReports::comparisonFromJson);
    }

    /**
     * Reads only the decision of the evaluation stored on a version, without its sections: what a
     * deployment gate needs, readable whatever domain scorers are on the class path.
     *
     * @param versions the version manager
     * @param ref the version
     * @return the decision, or empty if the version has no evaluation
     * @throws StorageException if the stored document has no readable decision
     */
    public static Optional<Decision> readDecision(VersionManager versions, ModelRef ref) {
        return Optional.ofNullable(versions.documents(ref).get(DOCUMENT))
                .map(json -> decisionOf(json, EvaluationReport.class));
    }

    /**
     * Reads only the decision of the champion-vs-challenger report stored on a challenger's version.
     *
     * @param versions the version manager
     * @param ref the challenger's version
     * @return the decision, or empty if the version has no comparison
     * @throws StorageException if the stored document has no readable decision
     */
    public static Optional<Decision> readComparisonDecision(VersionManager versions, ModelRef ref) {
        return Optional.ofNullable(versions.documents(ref).get(COMPARISON_DOCUMENT))
                .map(json -> decisionOf(json, ChampionChallengerReport.class));
    }

    private static Decision decisionOf(String json, Class<?> type) {
        return convert(object(object(tree(json, type), type).get("decision"), type), Decision.class);
    }

    private static Map<String, Double> prefixed(Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(METRIC_PREFIX + k, v));
        return out;
    }

    private static String write(Object value) {
        try {
            return Json.writer().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("cannot serialise " + value.getClass().getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode tree(String json, Class<?> type) {
        try {
            return Json.reader().readTree(Objects.requireNonNull(json, "json"));
        } catch (JsonProcessingException e) {
            throw unreadable(type, e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode object(JsonNode node, Class<?> type) {
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw unreadable(type, "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()), null);
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return Json.readerFor(type).readValue(node);
        } catch (IOException e) {
            throw unreadable(type, e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage(),
                    e);
        }
    }

    /**
     * Removes the sections from a report's tree (leaving an empty object for the generic reader) and
     * reads each with the section type its domain's scorer names.
     */
    private static Map<String, ReportSection> takeSections(ObjectNode report) {
        JsonNode sections = report.remove("sections");
        JsonNode legacy = report.get(LEGACY_STOCK_FIELD);
        if (sections == null && legacy != null && legacy.isObject()) {
            ObjectNode market = ((ObjectNode) legacy).deepCopy();
            JsonNode returns = report.path("series").get("strategyReturns");
            market.set("strategyReturns", returns == null ? JsonNodeFactory.instance.arrayNode() : returns);
            sections = JsonNodeFactory.instance.objectNode().set(LEGACY_STOCK_SECTION, market);
        }
        report.putObject("sections");
        Map<String, ReportSection> out = new TreeMap<>();
        if (sections == null || sections.isNull()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : object(sections, EvaluationReport.class).properties()) {
            Optional<Class<? extends ReportSection>> type = DomainScorers.DISCOVERED.sectionType(e.getKey());
            if (type.isPresent()) {
                out.put(e.getKey(), convert(e.getValue(), type.get()));
            } else {
                LOG.warn("a stored evaluation report has a '{}' section, but no domain scorer on the class path"
                        + " reads it; the report is read without it", e.getKey());
            }
        }
        return out;
    }

    private static EvaluationReport withSections(EvaluationReport r, Map<String, ReportSection> sections) {
        return new EvaluationReport(r.task(), r.count(), r.regression(), r.classification(), sections, r.stability(),
                r.score(), r.decision(), r.series());
    }

    private static StorageException unreadable(Class<?> type, String why, Exception cause) {
        return new StorageException("stored " + type.getSimpleName() + " is not readable: " + why, cause);
    }
}
