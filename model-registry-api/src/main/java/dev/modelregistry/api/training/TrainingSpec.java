package dev.modelregistry.api.training;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to train: the task, hyper-parameters, seed and thread count. The same spec, data, seed and
 * thread count give the same model.
 *
 * <p>Immutable and thread-safe.
 *
 * @param task the task
 * @param parameters hyper-parameter values as text; names the trainer does not know are refused
 * @param seed the random seed
 * @param threads the number of threads, at least 1
 */
public record TrainingSpec(Task task, Map<String, String> parameters, long seed, int threads) {
    /**
     * Validates the spec.
     *
     * @param task the task
     * @param parameters the hyper-parameters
     * @param seed the seed
     * @param threads the thread count
     */
    public TrainingSpec {
        Objects.requireNonNull(task, "task");
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        if (threads < 1) {
            throw new InvalidArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /**
     * Regression with default parameters, seed 42 and one thread.
     *
     * @return the spec
     */
    public static TrainingSpec defaults() {
        return new TrainingSpec(Task.REGRESSION, Map.of(), 42L, 1);
    }
}
