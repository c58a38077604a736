package dev.modelregistry.core.training;

import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.TrainingFailedException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;

/**
 * Turns the wrappers that {@link CompletableFuture} puts around failures back into the error contract: every
 * failure a caller sees is a {@link ModelRegistryException}, even when the work ran on another thread.
 */
final class AsyncFailures {
    private AsyncFailures() {
    }

    /** Waits for the future; its failure comes out as the registry exception it was, or as one that wraps it. */
    static <T> T join(CompletableFuture<T> future, String what) {
        try {
            return future.join();
        } catch (CancellationException e) {
            throw new TrainingCancelledException(what + " was cancelled", e);
        } catch (CompletionException e) {
            throw unwrap(e.getCause() == null ? e : e.getCause(), what);
        }
    }

    static RuntimeException unwrap(Throwable failure, String what) {
        if (failure instanceof TrainingCancelledException c) {
            // A new exception of the same kind, so the stack trace shows the caller that waited, not only the
            // worker thread; the worker's exception stays as the cause.
            return new TrainingCancelledException(c.getMessage(), c);
        }
        if (failure instanceof ModelRegistryException m) {
            return m;
        }
        if (failure instanceof CancellationException) {
            return new TrainingCancelledException(what + " was cancelled", failure);
        }
        return new TrainingFailedException(what + " failed: " + failure, failure);
    }
}
