package dev.modelregistry.api.training;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to train: the task, hyper-parameters, seed, thread count and early stopping. The same spec,
 * data, seed and thread count give the same model.
 *
 * <p>Immutable and thread-safe.
 *
 * @param task the task
 * @param parameters hyper-parameter values as text; names the trainer does not know are refused
 * @param seed the random seed
 * @param threads the number of threads, at least 1
 * @param earlyStoppingPatience stop after this many iterations in a row without improvement of the
 *                              validation metric and keep the best iteration, by the rule of
 *                              {@link EarlyStopping}; 0 turns early stopping off
 */
public record TrainingSpec(Task task, Map<String, String> parameters, long seed, int threads,
        int earlyStoppingPatience) {
    /**
     * Validates the spec.
     *
     * @param task the task
     * @param parameters the hyper-parameters
     * @param seed the seed
     * @param threads the thread count
     * @param earlyStoppingPatience the patience, 0 for none
     */
    public TrainingSpec {
        Objects.requireNonNull(task, "task");
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        if (threads < 1) {
            throw new InvalidArgumentException("threads must be >= 1, got " + threads);
        }
        if (earlyStoppingPatience < 0) {
            throw new InvalidArgumentException("early-stopping patience must be >= 0, got " + earlyStoppingPatience);
        }
    }

    /**
     * Regression with default parameters, seed 42, one thread, no early stopping.
     *
     * @return the spec
     */
    public static TrainingSpec defaults() {
        return new TrainingSpec(Task.REGRESSION, Map.of(), 42L, 1, 0);
    }

    /**
     * A copy with another task.
     *
     * @param value the task
     * @return the new spec
     */
    public TrainingSpec withTask(Task value) {
        return new TrainingSpec(value, parameters, seed, threads, earlyStoppingPatience);
    }

    /**
     * A copy with one more hyper-parameter (replacing one of the same name).
     *
     * @param name the name
     * @param value the value as text
     * @return the new spec
     */
    public TrainingSpec withParameter(String name, String value) {
        Map<String, String> p = new TreeMap<>(parameters);
        p.put(name, value);
        return new TrainingSpec(task, p, seed, threads, earlyStoppingPatience);
    }

    /**
     * A copy with another seed.
     *
     * @param value the seed
     * @return the new spec
     */
    public TrainingSpec withSeed(long value) {
        return new TrainingSpec(task, parameters, value, threads, earlyStoppingPatience);
    }

    /**
     * A copy with another thread count.
     *
     * @param value at least 1
     * @return the new spec
     */
    public TrainingSpec withThreads(int value) {
        return new TrainingSpec(task, parameters, seed, value, earlyStoppingPatience);
    }

    /**
     * A copy with early stopping.
     *
     * @param patience iterations without improvement before stopping; 0 turns it off
     * @return the new spec
     */
    public TrainingSpec withEarlyStopping(int patience) {
        return new TrainingSpec(task, parameters, seed, threads, patience);
    }
}
