package dev.modelregistry.core.evaluation;

import dev.modelregistry.core.internal.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.evaluation.ChampionChallengerReport;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reports as JSON, stored on a model version. An evaluation is kept as the version's document
 * {@value #DOCUMENT} (a champion-vs-challenger report as {@value #COMPARISON_DOCUMENT}, on the
 * challenger's version), and its headline metrics are added to the version's metrics with the prefix
 * {@value #METRIC_PREFIX} so they are searchable without overwriting training-time metrics. Undefined
 * values are written as JSON {@code null}.
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
        return read(json, EvaluationReport.class);
    }

    /**
     * Reads a champion-vs-challenger report.
     *
     * @param json text from {@link #toJson(ChampionChallengerReport)}
     * @return the report
     * @throws StorageException if the text is not a readable report
     */
    public static ChampionChallengerReport comparisonFromJson(String json) {
        return read(json, ChampionChallengerReport.class);
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

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.readerFor(type).readValue(Objects.requireNonNull(json, "json"));
        } catch (JsonProcessingException e) {
            throw new StorageException("stored " + type.getSimpleName() + " is not readable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
