package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingJob;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Asynchronous training runs on the executor the builder is given, so tests and hosts decide when it runs. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrainingExecutorTest {
    @TempDir
    Path dir;

    @Test
    void a_job_waits_on_the_given_executor_until_it_runs_the_task() {
        List<Runnable> queued = new ArrayList<>();
        try (ModelRegistry registry = ModelRegistry.builder(dir).executor(queued::add).open()) {
            TrainingJob job = registry.training().trainAsync(
                    TrainingRequest.of("tribuo-linear", TrainersThroughTrainingServiceTest.synthetic(200, 3)));

            assertThat(queued).hasSize(1);
            assertThat(job.result()).isNotDone();
            queued.get(0).run();
            assertThat(job.result()).isDone();
            try (TrainedModel model = job.join()) {
                assertThat(model.trainerId()).isEqualTo("tribuo-linear");
            }
        }
    }

    @Test
    void a_closed_training_service_takes_no_new_jobs() {
        List<Runnable> queued = new ArrayList<>();
        DefaultTrainingService service;
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            service = new DefaultTrainingService(Trainers.discover(getClass().getClassLoader()), registry.versions(),
                    java.time.Clock.systemUTC(), queued::add);
        }
        service.close();
        assertThatThrownBy(() -> service.trainAsync(
                TrainingRequest.of("tribuo-linear", TrainersThroughTrainingServiceTest.synthetic(50, 1))))
                .isInstanceOf(RegistryClosedException.class);
        assertThat(queued).isEmpty();
    }
}
