package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingJob;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The error contract holds for work on another thread too: a cancelled job's join() is a registry exception. */
@Timeout(180) // jobs train on the service's threads
class TrainingJobContractTest {
    @TempDir
    Path dir;

    @Test
    void join_after_cancel_throws_training_cancelled_not_completion_exception() throws InterruptedException {
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
            CountDownLatch training = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            // The first iteration waits until cancel() has been called, so cancel always lands mid-training
            // rather than racing a run that might already be done.
            TrainingRequest request = TrainingRequest.of("lightgbm", TrainersThroughTrainingServiceTest.synthetic(300, 3))
                    .withProgress((i, total, metric) -> {
                        training.countDown();
                        try {
                            cancelled.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
            TrainingJob job = registry.training().trainAsync(request);
            assertThat(training.await(60, TimeUnit.SECONDS)).isTrue();
            job.cancel();
            cancelled.countDown();

            assertThatThrownBy(job::join).isExactlyInstanceOf(TrainingCancelledException.class);
            // The raw future still behaves as CompletableFuture does; join() is the contract-keeping way.
            assertThatThrownBy(() -> job.result().join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(TrainingCancelledException.class);
        }
    }

    @Test
    void join_returns_the_model_when_nothing_went_wrong() {
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
                TrainedModel model = registry.training().trainAsync(
                        TrainingRequest.of("lightgbm", TrainersThroughTrainingServiceTest.synthetic(100, 4))).join()) {
            assertThat(model.featureNames()).hasSize(5);
            // Printed in jshell or a log, a model says what it is, not TrainedModel@5fbdfdcf, and not its weights.
            assertThat(model.toString()).startsWith("TrainedModel[trainer=lightgbm, format=")
                    .contains("features=5 (x0, x1, x2, x3, x4)")
                    .contains("preprocessing=5 of 5 features, imputation ")
                    .doesNotContain("@").hasSizeLessThan(300);
        }
    }
}
