package dev.modelregistry.api.training.service;

import java.util.List;
import java.util.Map;

/**
 * What {@link TrainingService#validate} reports: each fold's metrics, and their mean and standard
 * deviation across folds.
 *
 * <p>Immutable and thread-safe.
 */
public interface ValidationReport {

    /**
     * The trainer validated.
     *
     * @return its id
     */
    String trainerId();

    /**
     * The folds, in the order of the splits.
     *
     * @return one result per split
     */
    List<FoldResult> folds();

    /**
     * The mean of each metric across folds.
     *
     * @return metric name to mean, sorted by name
     */
    Map<String, Double> mean();

    /**
     * The standard deviation of each metric across folds (sample, n − 1; 0 for one fold).
     *
     * @return metric name to standard deviation, sorted by name
     */
    Map<String, Double> std();
}
