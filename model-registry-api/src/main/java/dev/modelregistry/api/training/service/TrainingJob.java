package dev.modelregistry.api.training.service;

import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * A training run in the background, from {@link TrainingService#trainAsync}: its progress, a way to
 * cancel it, and its result.
 *
 * <p>Implementations are thread-safe.
 */
public interface TrainingJob {

    /**
     * The latest progress.
     *
     * @return a snapshot
     */
    Progress progress();

    /**
     * Asks training to stop; it stops within an iteration or so and the result completes
     * exceptionally with {@link dev.modelregistry.api.TrainingCancelledException}.
     */
    void cancel();

    /**
     * The result: the trained model, or the failure.
     *
     * @return the future
     */
    CompletableFuture<TrainedModel> result();

    /**
     * Waits for the result. Unlike {@code result().join()}, which wraps failures in
     * {@link java.util.concurrent.CompletionException}, this keeps the error contract: after {@link #cancel()} it
     * throws {@link dev.modelregistry.api.TrainingCancelledException} (unless training had already finished, in
     * which case it returns the model), and any other failure is the
     * {@link dev.modelregistry.api.ModelRegistryException} training threw, or a
     * {@link dev.modelregistry.api.TrainingFailedException} wrapping what it threw.
     *
     * @return the trained model; close it when done
     * @throws dev.modelregistry.api.TrainingCancelledException if the job was cancelled
     * @throws dev.modelregistry.api.TrainingFailedException if training failed with anything else
     */
    TrainedModel join();

    /**
     * A snapshot of progress.
     *
     * @param iteration iterations done
     * @param total iterations planned (0 before the first report)
     * @param validationMetric the latest validation metric, if any
     */
    record Progress(int iteration, int total, OptionalDouble validationMetric) {
        /**
         * The share done.
         *
         * @return 0 to 1
         */
        public double fraction() {
            return total == 0 ? 0 : Math.min(1, (double) iteration / total);
        }
    }
}
